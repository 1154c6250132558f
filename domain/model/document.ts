import { z } from 'zod';
import { Code, Text } from './common.js';

/** A passage of free text (FAQ, brochure, PDF guide) kept for retrieval, linked to its source. */
export const DocumentChunk = z
  .object({
    id: Code,
    source: Text(300),
    title: Text(300),
    /** The headings above this passage, outermost first. */
    headings: z.array(Text(300)).default([]),
    page: z.number().int().positive().optional(),
    position: z.number().int().min(0).default(0),
    text: Text(8000),
    language: z.string().regex(/^[a-z]{2}$/).default('it'),
  })
  .strict();
export type DocumentChunk = z.infer<typeof DocumentChunk>;
