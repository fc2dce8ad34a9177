import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFsError, ExitCode, IoError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { briefOptions, requireCandidate } from '../brief-args.js';
import type { CliContext } from '../context.js';
import { loadValidateOptions } from '../../config/index.js';
import { loadBrief, planWarnings } from '../../personalize/index.js';

export const help = `Usage: offerbrief draft --candidate <profile> [--guide <guide.md>] [options]

Prints a counter-offer email the candidate can send to the recruiter, as
Markdown on stdout: the ask, the strongest two levers and the competing
context. It never holds the floor, the walk-away or the gap figures.
Warnings go to stderr.

Options:
  -c, --candidate <file>  the candidate's profile (YAML or JSON)
  -g, --guide <file>      the guide (default: the profile's \`guide\`, relative to the profile)
  -r, --region <region>   use this region instead of the profile's
      --template <file>   the email template (default: the bundled templates/email.md)
      --strict            unfilled slots are errors (exit 1)
      --force             draft even when the guide has lint errors
      --config <file>     lint config (default: offerbrief.config.json, or package.json#offerbrief)
  -h, --help              show this help

Exit codes: 0 ok, 1 refused inputs (bad profile, unknown region, missing
exchange rate, lint errors, unfilled slots with --strict), 2 usage or I/O errors.
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('draft', argv, { ...briefOptions, template: { type: 'string' } }, false);
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const candidate = requireCandidate('draft', values.candidate);
  const validate = await loadValidateOptions({ cwd: ctx.cwd, configPath: values.config });
  let emailTemplate: string | undefined;
  if (values.template !== undefined) {
    try {
      emailTemplate = await readFile(resolve(ctx.cwd, values.template), 'utf8');
    } catch (error) {
      throw new IoError(describeFsError(error, values.template));
    }
  }
  const loaded = await loadBrief({
    cwd: ctx.cwd,
    candidate,
    ...(values.guide !== undefined ? { guide: values.guide } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    strict: values.strict ?? false,
    force: values.force ?? false,
    validate,
    ...(validate.fx ? { fx: validate.fx } : {}),
    ...(emailTemplate !== undefined ? { emailTemplate } : {}),
  });
  const lines = [
    ...loaded.guideWarnings.map((line) => `offerbrief draft: warning: ${line}`),
    ...planWarnings(loaded).map((warning) => `offerbrief draft: warning: ${loaded.candidatePath}: ${warning}`),
  ];
  if (lines.length > 0) ctx.stderr.write(`${lines.join('\n')}\n`);
  ctx.stdout.write(`Subject: ${loaded.brief.email.subject}\n\n${loaded.brief.email.markdown}`);
  return ExitCode.ok;
}
