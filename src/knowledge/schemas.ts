// zod schemas for the files admins edit under knowledge/. Each file has one top-level key so a
// comment-only or empty file fails with a clear "expected object" instead of loading as nothing.
import { z } from 'zod';
import { CHANNEL_IDS, MUNICIPALITY_ID_PATTERN } from './model.js';

const text = z.string().trim().min(1, 'expected a non-empty string');

// The shape of an id only; whether it names a known municipality is checked against municipalities.yaml.
export const MunicipalityIdSchema = z
  .string()
  .regex(
    MUNICIPALITY_ID_PATTERN,
    'expected a municipality id: lower-case letters, digits and "-", 2–41 characters, starting with a letter (e.g. "mitaka")',
  );
export const ChannelIdSchema = z.enum(CHANNEL_IDS);

export const ContactSchema = z.strictObject({
  department: text.optional(), // 担当課
  phone: text.optional(),
  address: text.optional(),
  url: z.url().optional(),
  hours: text.optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const MunicipalitySchema = z.strictObject({
  id: MunicipalityIdSchema,
  name: text, // 東久留米市
  shortName: text, // 東久留米
  aliases: z.array(text).default([]),
  contact: ContactSchema.default({}),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;
export const MunicipalitiesFileSchema = z.strictObject({ municipalities: z.array(MunicipalitySchema).min(1) });
export type MunicipalitiesFile = z.infer<typeof MunicipalitiesFileSchema>;

export const DocumentMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as "mitaka-dx"'),
  municipality: MunicipalityIdSchema,
  title: text,
  issued: text,
  publisher: text,
  contact: text.optional(),
  file: text, // relative to SEEDS_DIR (a leading "seeds/" is accepted for the bundled entries)
});
export type DocumentMetaInput = z.infer<typeof DocumentMetaSchema>;
export const DocumentsFileSchema = z.strictObject({ documents: z.array(DocumentMetaSchema).min(1) });
export type DocumentsFile = z.infer<typeof DocumentsFileSchema>;

export const SynonymGroupSchema = z.strictObject({
  terms: z.array(text).min(2, 'expected at least 2 terms'),
});
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;
export const SynonymsFileSchema = z.strictObject({ groups: z.array(SynonymGroupSchema) });
export type SynonymsFile = z.infer<typeof SynonymsFileSchema>;

export const SourceRefSchema = z.strictObject({ document: text, section: text });

export const FaqEntrySchema = z.strictObject({
  id: text,
  municipality: MunicipalityIdSchema.optional(),
  questions: z.array(text).min(1, 'expected at least 1 question'),
  answer: text,
  source: SourceRefSchema,
});
export type FaqEntry = z.infer<typeof FaqEntrySchema>;
export const FaqFileSchema = z.strictObject({ faq: z.array(FaqEntrySchema) });
export type FaqFile = z.infer<typeof FaqFileSchema>;

export const ChannelInfoSchema = z.strictObject({
  status: z.enum(['available', 'planned', 'none']),
  since: text.optional(), // 令和5年11月
  plannedFor: text.optional(), // 令和9年度
  note: text.optional(),
  department: text.optional(), // the department that handles it (市民課), as the document states it
  url: text.optional(),
  phone: text.optional(),
  place: text.optional(),
  hours: text.optional(),
  procedures: z.array(text).optional(),
  source: z.strictObject({ document: text, section: text, excerpt: text.optional() }).optional(),
});
export type ChannelInfo = z.infer<typeof ChannelInfoSchema>;

export const RouteTableSchema = z.strictObject({
  channels: z.record(ChannelIdSchema, z.strictObject({ label: text, description: text, procedures: z.array(text) })),
  municipalities: z.record(MunicipalityIdSchema, z.partialRecord(ChannelIdSchema, ChannelInfoSchema)),
  rules: z.array(z.strictObject({ id: text, procedures: z.array(text), text, channels: z.array(ChannelIdSchema) })),
});
export type RouteTableInput = z.infer<typeof RouteTableSchema>;

// One line of knowledge/questions/*.jsonl (same shape as ../shared/eval/dev.jsonl).
export const QuestionSetItemSchema = z.strictObject({
  id: text,
  cat: text,
  q: text,
  m: MunicipalityIdSchema.optional(),
  kind: z.enum(['answer', 'route', 'clarify', 'fallback', 'greeting']),
  all: z.array(text).optional(),
  any: z.array(text).optional(),
  src: z.array(MunicipalityIdSchema).optional(),
  channels: z.array(ChannelIdSchema).optional(),
});
export type QuestionSetItem = z.infer<typeof QuestionSetItemSchema>;
