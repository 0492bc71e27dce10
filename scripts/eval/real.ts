/**
 * `npx tsx scripts/eval/real.ts <video...>` — runs the analyser on real footage (no labels) and
 * prints probe facts, camera move, cuts and defects per file, for a person to check. Sample
 * videos ship in Debian's `opencv-doc` (examples/data/vtest.avi, Megamind.avi, tree.avi;
 * html/box.mp4.gz, cup.mp4.gz): `apt-get download opencv-doc && dpkg-deb -x opencv-doc_*.deb DIR`.
 */
import { basename } from 'node:path';
import { analyzeFile } from '../../src/analysis/analyze.ts';
import { ClipbenchError } from '../../src/errors/clipbench-error.ts';
import { probeVideo } from '../../src/media/probe.ts';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: tsx scripts/eval/real.ts <video...>');
  for (const file of files) {
    try {
      const probe = await probeVideo(file);
      const started = performance.now();
      const result = await analyzeFile(file, { probe });
      const defects = result.defects
        .filter((d) => d.code !== 'cut')
        .map((d) => `${d.code}@${d.start_frame}-${d.end_frame}`);
      process.stdout.write(
        `${basename(file)}: ${probe.codec} ${probe.displayWidth}x${probe.displayHeight} ${probe.fps.toFixed(2)} fps ` +
          `${probe.frames} frames${probe.variableFrameRate ? ' VFR' : ''} | ${(performance.now() - started).toFixed(0)} ms | ` +
          `camera ${result.camera.move}/${result.camera.speed ?? '-'} (${result.camera.confidence.toFixed(2)}) | ` +
          `cuts [${result.cuts.map((c) => c.frame).join(', ')}] | defects ${defects.join(', ') || 'none'}\n`,
      );
    } catch (error) {
      if (!(error instanceof ClipbenchError)) throw error;
      process.stdout.write(`${basename(file)}: ${error.code}: ${error.message}\n`);
    }
  }
}

await main();
