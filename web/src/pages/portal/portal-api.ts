import type {
  CatalogueView,
  CategorySuggestionList,
  IntakeResult,
  MyCaseListView,
  MyCaseView,
  NotificationList,
  NotificationView,
  OtpSent,
  PointPlaceView,
  PublicCaseView,
  PublicCommunitiesView,
  RatingInput,
  RegisterCaseBody,
} from '../../api/http.ts';
import type { MeView, SessionStarted } from '../../api/types.ts';
import { ApiError, type Client } from '../../api/workbench.ts';

/** Every call the portal makes, typed from the server's OpenAPI document. */
export function createPortalApi(client: Client) {
  const path = (no: string) => encodeURIComponent(no);
  return {
    client,
    /** The signed-in user, or null when nobody is (401). */
    async me(): Promise<MeView | null> {
      try {
        const me = await client.get<MeView>('/api/auth/me');
        client.csrfToken = me.csrfToken;
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    requestCode: (phone: string) => client.post<OtpSent>('/api/auth/otp/request', { phone }),
    async verifyCode(phone: string, code: string): Promise<SessionStarted> {
      const started = await client.post<SessionStarted>('/api/auth/otp/verify', { phone, code });
      client.csrfToken = started.csrfToken;
      return started;
    },
    async signOut(): Promise<void> {
      await client.post('/api/auth/logout', {});
      client.csrfToken = null;
    },
    suggestCategories: (text: string) =>
      client.post<CategorySuggestionList>('/api/public/category-suggestions', { text }),
    catalogue: () => client.get<CatalogueView>('/api/categories'),
    communities: () => client.get<PublicCommunitiesView>('/api/org/public/communities'),
    placeOf: (lat: number, lng: number) =>
      client.get<PointPlaceView>('/api/public/places/point', { lat, lng }),
    /** Registers the request; the key makes a retry on a bad connection return the same case. */
    register: (body: RegisterCaseBody, idempotencyKey: string) =>
      client.post<IntakeResult>('/api/cases', body, { 'Idempotency-Key': idempotencyKey }),
    uploadPhotos: (caseId: number, files: File[]) =>
      client.upload<unknown>(`/api/cases/${caseId}/attachments`, files),
    track: (trackingNo: string) => client.get<PublicCaseView>(`/api/public/cases/${path(trackingNo)}`),
    myCases: (cursor?: number | null) => client.get<MyCaseListView>('/api/portal/cases', { cursor }),
    myCase: (trackingNo: string) => client.get<MyCaseView>(`/api/portal/cases/${path(trackingNo)}`),
    rate: (trackingNo: string, body: RatingInput) =>
      client.post<MyCaseView>(`/api/portal/cases/${path(trackingNo)}/rating`, body),
    notifications: (after?: number | null) =>
      client.get<NotificationList>('/api/notifications', { after, limit: 20 }),
    markRead: (id: number) => client.post<NotificationView>(`/api/notifications/${id}/read`),
    markAllRead: () => client.post<{ marked: number }>('/api/notifications/read-all'),
  };
}

export type PortalApi = ReturnType<typeof createPortalApi>;

/** The photo's address for an <img>: the server checks the viewer may read the case. */
export function photoUrl(caseId: number, attachmentId: number): string {
  return `/api/cases/${caseId}/attachments/${attachmentId}`;
}
