import { z } from 'zod';
import { CaseListItem, CaseListQuery } from '../cases/cases.schema.ts';

const filters = CaseListQuery.shape;

/** A search: its words (or a tracking number), the worklist's filters, and a page of the ranking. */
export const SearchQuery = z.object({
  /** Words to find in the title, description, address, resolution and notes, or a tracking number. */
  q: z.string().trim().min(1).max(100),
  status: filters.status,
  category: filters.category,
  channel: filters.channel,
  streetId: filters.streetId,
  communityId: filters.communityId,
  from: filters.from,
  to: filters.to,
  overdue: filters.overdue,
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** How many results of the ranking to skip (pages beyond the first thousand results are not served). */
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const HIGHLIGHT_FIELDS = ['description', 'address', 'resolution', 'note'] as const;

/** A snippet of one field of the case with the matched words marked (the client marks them up). */
export const Highlight = z.object({
  field: z.enum(HIGHLIGHT_FIELDS),
  segments: z.array(z.object({ text: z.string(), hit: z.boolean() })),
});
export type Highlight = z.infer<typeof Highlight>;

export const SearchItem = CaseListItem.extend({ highlights: z.array(Highlight) });
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchResult = z.object({
  items: z.array(SearchItem),
  /** The offset of the next page; null on the last. */
  nextOffset: z.number().nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;
