import { z } from 'zod';
import { Comune } from './comune.js';
import { Course } from './course.js';
import { DocumentChunk } from './document.js';
import { Initiative } from './initiative.js';
import { School } from './school.js';
import { Service } from './service.js';
import { Site } from './site.js';
import { Slot } from './slot.js';

/** The project's own file format (YAML or JSON): what `data/sample` is written in. */
export const NativeFile = z
  .object({
    format: z.literal('orienta/v1'),
    comuni: z.array(z.unknown()).default([]),
    sites: z.array(z.unknown()).default([]),
    courses: z.array(z.unknown()).default([]),
    services: z.array(z.unknown()).default([]),
    initiatives: z.array(z.unknown()).default([]),
    schools: z.array(z.unknown()).default([]),
    slots: z.array(z.unknown()).default([]),
    documents: z.array(z.unknown()).default([]),
  })
  .strict();

export const RecordSchemas = {
  comune: Comune,
  site: Site,
  course: Course,
  service: Service,
  initiative: Initiative,
  school: School,
  slot: Slot,
  doc: DocumentChunk,
} as const;
export type RecordKind = keyof typeof RecordSchemas;

export const sectionKind: Record<Exclude<keyof z.infer<typeof NativeFile>, 'format'>, RecordKind> = {
  comuni: 'comune',
  sites: 'site',
  courses: 'course',
  services: 'service',
  initiatives: 'initiative',
  schools: 'school',
  slots: 'slot',
  documents: 'doc',
};

export interface Catalogue {
  comuni: Comune[];
  sites: Site[];
  courses: Course[];
  services: Service[];
  initiatives: Initiative[];
  schools: School[];
  slots: Slot[];
  documents: DocumentChunk[];
}
