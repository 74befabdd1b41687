import { z } from 'zod';

/** What the content script found on a page (issue 4). Values are already normalised by detect(). */
export const detectionKind = z.enum(['email', 'domain', 'company', 'person']);
export type DetectionKind = z.infer<typeof detectionKind>;

export const detection = z.object({
  kind: detectionKind,
  /** lower-cased email; registrable domain; company name as shown; person's full name */
  value: z.string().min(1).max(500),
  /** text, mailto, link, jsonld, meta, or the site adapter's id */
  source: z.string().min(1).max(40),
  confidence: z.number().min(0).max(1),
  person: z
    .object({
      fullName: z.string().min(1).max(300),
      companyName: z.string().max(300).optional(),
      profileUrl: z.string().max(2000).optional(),
    })
    .optional(),
});
export type Detection = z.infer<typeof detection>;
