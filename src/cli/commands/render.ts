import { rmSync } from 'node:fs';
import { dirname, relative, isAbsolute, resolve } from 'node:path';
import { passwordProblem } from '../../render/password.js';
import { ExitCode, OfferbriefError, UsageError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { briefOptions, requireCandidate } from '../brief-args.js';
import type { CliContext } from '../context.js';

export const help = `Usage: offerbrief render --candidate <profile> [--guide <guide.md>] [options]

Renders the candidate's PDF brief and prints the path it wrote:
<out>/<company>-<role>-<region>-<candidate>.pdf (letters, digits and hyphens only).

Options:
  -c, --candidate <file>    the candidate's profile (YAML or JSON)
  -g, --guide <file>        the guide (default: the profile's \`guide\`, relative to the profile)
  -r, --region <region>     use this region instead of the profile's
  -t, --template <name>     brief (default), one-page, or a path to a template .md
  -o, --out <dir>           output folder (default: out), created if missing
      --date <YYYY-MM-DD>   the brief's date (default: SOURCE_DATE_EPOCH, else undated)
      --password-env <VAR>  encrypt (AES-256) with the password in environment variable VAR
                            (1 to 127 bytes, not only spaces)
      --strict              unfilled slots are errors (exit 1)
      --force               render even when the guide has lint errors
      --config <file>       lint config (default: the nearest offerbrief.config.json/.yaml/.yml
                            or package.json#offerbrief above the guide)
  -w, --watch               render again on every change of the profile, guide, template or config
  -h, --help                show this help

The same inputs and date give a byte-identical PDF (encrypted files excepted).
Exit codes: 0 written, 1 refused inputs (bad profile, unknown region, lint
errors, unfilled slots with --strict), 2 usage or I/O errors.
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(
    'render',
    argv,
    {
      ...briefOptions,
      template: { type: 'string', short: 't' },
      out: { type: 'string', short: 'o' },
      date: { type: 'string' },
      'password-env': { type: 'string' },
      watch: { type: 'boolean', short: 'w' },
    },
    false,
  );
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const candidate = requireCandidate('render', values.candidate);
  let password: string | undefined;
  const variable = values['password-env'];
  if (variable !== undefined) {
    password = ctx.env[variable];
    if (password === undefined || password === '') {
      throw new UsageError(`--password-env ${variable}: the environment variable ${variable} is ${password === undefined ? 'not set' : 'empty'}, expected the PDF's password in it`);
    }
    const problem = passwordProblem(password);
    if (problem) throw new UsageError(`--password-env ${variable}: ${problem}`);
  }
  const [{ renderBriefFile }, { guideValidateOptions, loadValidateOptions }, { pendingTemps }] = await Promise.all([
    import('../../render/file.js'),
    import('../../config/index.js'),
    import('../../render/atomic.js'),
  ]);
  // Exchange rates come from the config of the working folder (or --config), like batch's.
  const { fx } = await loadValidateOptions({ cwd: ctx.cwd, configPath: values.config });
  const once = async (validate: Awaited<ReturnType<typeof guideValidateOptions>>): Promise<number> => {
    // A signal while the PDF is written removes its temporary file before exiting (128 + signal number).
    const onSignal = (signal: NodeJS.Signals) => {
      for (const temp of pendingTemps) rmSync(temp, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const result = await renderBriefFile({
        cwd: ctx.cwd,
        candidate,
        env: ctx.env,
        ...(values.guide !== undefined ? { guide: values.guide } : {}),
        ...(values.region !== undefined ? { region: values.region } : {}),
        ...(values.template !== undefined ? { template: values.template } : {}),
        ...(values.out !== undefined ? { out: values.out } : {}),
        ...(values.date !== undefined ? { date: values.date } : {}),
        ...(password !== undefined ? { password } : {}),
        strict: values.strict ?? false,
        force: values.force ?? false,
        validate,
        ...(fx ? { fx } : {}),
      });
      const lines = [
        ...result.forcedErrors.map((line) => `offerbrief render: error (forced): ${line}`),
        ...result.warnings.map((line) => `offerbrief render: warning: ${line}`),
      ];
      if (lines.length > 0) ctx.stderr.write(`${lines.join('\n')}\n`);
      const shown = relative(ctx.cwd, result.path);
      ctx.stdout.write(`${shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown : result.path}\n`);
      return ExitCode.ok;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };
  if (!values.watch) return once(await guideValidateOptions({ cwd: ctx.cwd, configPath: values.config }));
  const [{ watchLoop }, { configSearchPaths }] = await Promise.all([import('../../watch/index.js'), import('../../config/load.js')]);
  let guidePath: string | undefined = values.guide !== undefined ? resolve(ctx.cwd, values.guide) : undefined;
  const dependsOn = async () => [
    resolve(ctx.cwd, candidate),
    ...(guidePath ? [guidePath, ...(await configSearchPaths(dirname(guidePath)))] : []),
    ...(values.template !== undefined && /[\\/.]/.test(values.template) ? [resolve(ctx.cwd, values.template)] : []),
    ...(values.config !== undefined ? [resolve(ctx.cwd, values.config)] : []),
  ];
  await watchLoop({
    cwd: ctx.cwd,
    name: 'render',
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    run: async () => {
      try {
        const validate = await guideValidateOptions({ cwd: ctx.cwd, configPath: values.config });
        // The guide the profile names is known once it is read: catch it on its way to the lint gate.
        await once(async (path) => {
          guidePath = path;
          return validate(path);
        });
      } catch (error) {
        if (error instanceof OfferbriefError) Object.assign(error, { watchPaths: await dependsOn() });
        throw error;
      }
      return dependsOn();
    },
  });
  return ExitCode.ok;
}
