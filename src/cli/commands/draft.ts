import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeFsError, ExitCode, IoError, OfferbriefError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { briefOptions, requireCandidate } from '../brief-args.js';
import type { CliContext } from '../context.js';
import { guideValidateOptions, loadValidateOptions } from '../../config/index.js';
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
  -w, --watch             draft again 100 ms after each change of the profile, its guide,
                          the email template or a config; an error is printed and
                          watching goes on; Ctrl-C stops
  -h, --help              show this help

Exit codes: 0 ok, 1 refused inputs (bad profile, unknown region, missing
exchange rate, lint errors, unfilled slots with --strict), 2 usage or I/O errors.
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('draft', argv, { ...briefOptions, template: { type: 'string' }, watch: { type: 'boolean', short: 'w' } }, false);
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const candidate = requireCandidate('draft', values.candidate);
  /** Drafts once: the guide is linted with its own nearest config, exchange rates come from the working folder's. */
  const once = async (onGuide?: (path: string) => void): Promise<number> => {
    const [judge, { fx }] = await Promise.all([
      guideValidateOptions({ cwd: ctx.cwd, configPath: values.config }),
      loadValidateOptions({ cwd: ctx.cwd, configPath: values.config }),
    ]);
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
      validate: async (path) => {
        onGuide?.(path);
        return judge(path);
      },
      ...(fx ? { fx } : {}),
      ...(emailTemplate !== undefined ? { emailTemplate } : {}),
    });
    const lines = [
      ...loaded.guideWarnings.map((line) => `offerbrief draft: warning: ${line}`),
      ...planWarnings(loaded).map((warning) => `offerbrief draft: warning: ${loaded.candidatePath}: ${warning}`),
    ];
    if (lines.length > 0) ctx.stderr.write(`${lines.join('\n')}\n`);
    ctx.stdout.write(`Subject: ${loaded.brief.email.subject}\n\n${loaded.brief.email.markdown}`);
    return ExitCode.ok;
  };
  if (!values.watch) return once();

  const [{ watchLoop }, { configSearchPaths }] = await Promise.all([import('../../watch/index.js'), import('../../config/load.js')]);
  let guidePath: string | undefined = values.guide !== undefined ? resolve(ctx.cwd, values.guide) : undefined;
  const dependsOn = async () => [
    resolve(ctx.cwd, candidate),
    ...(guidePath ? [guidePath, ...(await configSearchPaths(dirname(guidePath)))] : []),
    ...(values.template !== undefined ? [resolve(ctx.cwd, values.template)] : []),
    ...(values.config !== undefined ? [resolve(ctx.cwd, values.config)] : []),
  ];
  await watchLoop({
    cwd: ctx.cwd,
    name: 'draft',
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    run: async () => {
      try {
        // The guide the profile names is known once it is read: catch it on its way to the lint gate.
        await once((path) => (guidePath = path));
      } catch (error) {
        if (error instanceof OfferbriefError) Object.assign(error, { watchPaths: await dependsOn() });
        throw error;
      }
      return dependsOn();
    },
  });
  return ExitCode.ok;
}
