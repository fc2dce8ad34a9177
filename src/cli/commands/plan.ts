import { ExitCode } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { briefOptions, requireCandidate } from '../brief-args.js';
import type { CliContext } from '../context.js';
import { guideValidateOptions, loadValidateOptions } from '../../config/index.js';
import { formatMessages, loadBrief, planWarnings } from '../../personalize/index.js';

export const help = `Usage: offerbrief plan --candidate <profile> [--guide <guide.md>] [options]

Computes a candidate's brief (band, target, floor, offer position and gaps,
competing offers, levers and script with the candidate's numbers and slots)
and prints it as JSON on stdout. Warnings go to stderr.

Options:
  -c, --candidate <file>  the candidate's profile (YAML or JSON)
  -g, --guide <file>      the guide (default: the profile's \`guide\`, relative to the profile)
  -r, --region <region>   use this region instead of the profile's
      --strict            unfilled slots are errors (exit 1)
      --force             plan even when the guide has lint errors
      --config <file>     lint config (default: the guide's nearest offerbrief.config.json/.yaml/.yml
                          or package.json#offerbrief, as lint finds it)
  -h, --help              show this help

Exit codes: 0 ok, 1 refused inputs (bad profile, unknown region, lint errors,
unfilled slots with --strict), 2 usage or I/O errors.
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('plan', argv, briefOptions, false);
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const candidate = requireCandidate('plan', values.candidate);
  const validate = await guideValidateOptions({ cwd: ctx.cwd, configPath: values.config });
  // Exchange rates come from the config of the working folder (or --config), like batch's.
  const { fx } = await loadValidateOptions({ cwd: ctx.cwd, configPath: values.config });
  const loaded = await loadBrief({
    cwd: ctx.cwd,
    candidate,
    ...(values.guide !== undefined ? { guide: values.guide } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    strict: values.strict ?? false,
    force: values.force ?? false,
    validate,
    ...(fx ? { fx } : {}),
  });
  const lines = [
    ...formatMessages(loaded.guideFile, loaded.guidePath, 'errors').map((line) => `offerbrief plan: error (forced): ${line}`),
    ...loaded.guideWarnings.map((line) => `offerbrief plan: warning: ${line}`),
    ...planWarnings(loaded).map((warning) => `offerbrief plan: warning: ${loaded.candidatePath}: ${warning}`),
  ];
  if (lines.length > 0) ctx.stderr.write(`${lines.join('\n')}\n`);
  ctx.stdout.write(`${JSON.stringify(loaded.brief, null, 2)}\n`);
  return ExitCode.ok;
}
