/**
 * JSON Schema export for request, experiment and preset files, so editors complete and check them.
 * Input-side schemas: fields with defaults are optional, as users write them.
 */
import { z } from 'zod';
import { CheckConfigSchema } from './check-config.ts';
import { ExperimentSchema } from './experiment.ts';
import { PresetFileSchema } from './preset.ts';
import { VideoRequestSchema } from './request.ts';

/** File name under `schema/` → JSON Schema document. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  const make = (schema: z.ZodType, title: string, id: string): Record<string, unknown> => ({
    ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    $id: `https://clipbench.dev/schema/${id}`,
    title,
  });
  return {
    'request.schema.json': make(VideoRequestSchema, 'clipbench video request', 'request.schema.json'),
    'experiment.schema.json': make(ExperimentSchema, 'clipbench experiment', 'experiment.schema.json'),
    'preset.schema.json': make(PresetFileSchema, 'clipbench preset', 'preset.schema.json'),
    'check.schema.json': make(CheckConfigSchema, 'clipbench check config', 'check.schema.json'),
  };
}

/** The exact text written to each schema file (stable: 2-space JSON, trailing newline). */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(jsonSchemas()).map(([name, doc]) => [name, `${JSON.stringify(doc, null, 2)}\n`]),
  );
}
