import { Command } from 'commander';
import { parseCameraIntent } from '../../camera/parse.ts';
import { KNOWN_CAMERA_PHRASES } from '../../camera/phrases.ts';
import { toBracketText, toKlingCameraControl } from '../../camera/render.ts';
import { InputError } from '../../errors/input-error.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';

/** `clipbench camera` — parse a plain-language camera phrase into a structured move */
export function cameraCommand(ctx: CliContext): Command {
  return new Command('camera')
    .description('parse a plain-language camera phrase into {move, speed, modifiers, stability}')
    .argument('[phrase...]', 'e.g. "slow push-in" or "whip pan left"')
    .option('--list', 'print the known example phrases and what each parses into')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((words: string[], options: { json?: boolean; list?: boolean }) => {
      if (options.list) {
        const rows = KNOWN_CAMERA_PHRASES.map((phrase) => ({ phrase, ...parseCameraIntent(phrase) }));
        if (options.json) return printJson(ctx, { phrases: rows });
        for (const row of rows) {
          const extra = row.modifiers.length ? ` [${row.modifiers.join(', ')}]` : '';
          printLine(ctx, `${row.phrase.padEnd(32)} ${row.move} ${row.speed ?? ''}${extra}`.trimEnd());
        }
        return;
      }
      const phrase = words.join(' ').trim();
      if (phrase === '') {
        throw new InputError({
          code: 'usage',
          message: 'give a camera phrase, e.g. `clipbench camera "slow push-in"`',
          hint: '`clipbench camera --list` prints the known phrases',
        });
      }
      const move = parseCameraIntent(phrase);
      const kling = toKlingCameraControl(move);
      const bracket = toBracketText(move);
      if (options.json)
        return printJson(ctx, {
          phrase,
          ...move,
          providers: { kling: { camera_control: kling }, text: bracket },
        });
      printLine(ctx, `move:       ${move.move}`);
      printLine(ctx, `speed:      ${move.speed ?? '(none: static)'}`);
      printLine(ctx, `modifiers:  ${move.modifiers.length ? move.modifiers.join(', ') : '(none)'}`);
      printLine(ctx, `stability:  ${move.stability ?? '(unspecified)'}`);
      printLine(ctx, `kling:      ${kling ? JSON.stringify(kling) : '(no camera_control: static shot)'}`);
      printLine(ctx, `text:       ${bracket}`);
    });
}
