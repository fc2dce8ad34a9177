import { z } from 'zod';
import { UsageError, ExitCode } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';
import { Guide } from '../../model/guide.js';
import { Candidate } from '../../model/candidate.js';
import { Brief } from '../../model/brief.js';
import { configJsonSchema } from '../../config/schema.js';
import { allRuleMeta } from '../../validate/registry.js';
import { didYouMean } from '../../suggest.js';

export const schemaNames = ['guide', 'candidate', 'brief', 'config'] as const;
export type SchemaName = (typeof schemaNames)[number];

export const help = `Usage: offerbrief schema <guide|candidate|brief|config>

Prints the JSON Schema (draft 2020-12) of a model, as 2-space JSON:
  guide      the parsed guide (\`offerbrief inspect\` output)
  candidate  a candidate profile, as written (YAML or JSON)
  brief      the brief (\`offerbrief plan\` output)
  config     the lint config (offerbrief.config.json/.yaml/.yml), for "$schema"

Options:
  -h, --help  show this help

Exit codes: 0 ok, 2 usage errors.
`;

/** The JSON Schema of a model. A candidate is described as written (defaults optional), the others as produced. */
export function jsonSchema(name: string): Record<string, unknown> {
  switch (name) {
    case 'guide':
      return z.toJSONSchema(Guide, { io: 'output' }) as Record<string, unknown>;
    case 'candidate':
      return z.toJSONSchema(Candidate, { io: 'input' }) as Record<string, unknown>;
    case 'brief':
      return z.toJSONSchema(Brief, { io: 'output' }) as Record<string, unknown>;
    case 'config':
      return configJsonSchema(allRuleMeta);
    default:
      throw new UsageError(`unknown schema "${name}", expected one of: ${schemaNames.join(', ')}${didYouMean(name, schemaNames)}\nRun \`offerbrief schema --help\` for usage.`);
  }
}

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('schema', argv, {});
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `${positionals.length === 0 ? 'missing the schema name' : `unexpected "${positionals[1]}", expected one schema name`}, expected one of: ${schemaNames.join(', ')}\nRun \`offerbrief schema --help\` for usage.`,
    );
  }
  ctx.stdout.write(`${JSON.stringify(jsonSchema(positionals[0] as string), null, 2)}\n`);
  return ExitCode.ok;
}
