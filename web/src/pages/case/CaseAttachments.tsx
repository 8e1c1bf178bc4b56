import { DownloadOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/workbench.ts';
import { DateTime } from '../../components/case/labels.tsx';
import { useClient } from '../../components/session.tsx';
import { ATTACHMENT_TYPES } from './action-forms.tsx';
import { attachmentUrl, type CaseAttachment, type CaseDetail, casePath } from './case-data.ts';

const isImage = (f: CaseAttachment) => f.mimeType.startsWith('image/') && f.mimeType !== 'image/heic';

/** 1.2 MB / 340 KB, in the UI's number format. */
export function fileSize(bytes: number, language: string): string {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes >= 1_048_576) return format(bytes / 1_048_576, 'MB');
  if (bytes >= 1024) return format(bytes / 1024, 'KB');
  return format(bytes, 'B');
}

/**
 * The case's photos and documents: photos as thumbnails that open large, every file downloadable, and
 * an upload for those who may add to the case (the server decides: the note ability).
 */
export function CaseAttachments({
  detail,
  onUploaded,
  onStale,
}: {
  detail: CaseDetail;
  onUploaded: (next: CaseDetail) => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const images = detail.attachments.filter(isImage);
  const others = detail.attachments.filter((f) => !isImage(f));

  const upload = async (files: File[]) => {
    setUploading(true);
    try {
      const next = await client.upload<CaseDetail>(casePath(detail.id, '/attachments'), files);
      message.success(t('done.attach', { count: files.length }));
      await onUploaded(next);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && (e.status === 404 || e.status === 409)) await onStale();
    } finally {
      setUploading(false);
    }
  };

  const meta = (f: CaseAttachment) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {fileSize(f.size, i18n.language)} · {f.uploadedBy} · <DateTime value={f.uploadedAt} />
    </Typography.Text>
  );

  return (
    <Flex vertical gap={12}>
      {detail.abilities.note && (
        <Upload
          multiple
          accept={ATTACHMENT_TYPES}
          showUploadList={false}
          // All files chosen at once go up in one request, as one history entry.
          beforeUpload={(file, list) => {
            if (file === list[list.length - 1]) void upload(list as File[]);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            {t('attachments.upload')}
          </Button>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t('attachments.types')}
          </Typography.Text>
        </Upload>
      )}
      {detail.attachments.length === 0 && (
        <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>
      )}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {images.map((f) => (
              <figure key={f.id} className="case-thumb">
                <Image
                  src={attachmentUrl(detail.id, f.id)}
                  alt={f.fileName}
                  width={104}
                  height={104}
                  style={{ objectFit: 'cover' }}
                />
                <figcaption>
                  <Typography.Link
                    href={attachmentUrl(detail.id, f.id)}
                    download={f.fileName}
                    ellipsis
                    title={t('attachments.download', { name: f.fileName })}
                  >
                    {f.fileName}
                  </Typography.Link>
                </figcaption>
              </figure>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <ul className="case-rows">
          {others.map((f) => (
            <li key={f.id}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Space size={8}>
                  {f.mimeType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />}
                  <Flex vertical>
                    <Typography.Text style={{ overflowWrap: 'anywhere' }}>{f.fileName}</Typography.Text>
                    {meta(f)}
                  </Flex>
                </Space>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={attachmentUrl(detail.id, f.id)}
                  download={f.fileName}
                  aria-label={t('attachments.download', { name: f.fileName })}
                >
                  {t('attachments.downloadShort')}
                </Button>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
