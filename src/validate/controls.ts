import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { ControlComment } from '../parse/controls.js';

function names(control: ControlComment, ruleId: string): boolean {
  return control.ids.length === 0 || control.ids.includes(ruleId);
}

/** Whether the comments before a message's line leave its rule switched off there. */
function silenced(message: VFileMessage, controls: readonly ControlComment[]): boolean {
  const line = message.line ?? 1;
  const ruleId = message.ruleId ?? '';
  let off = false;
  for (const control of controls) {
    if (!control.known) continue;
    switch (control.keyword) {
      case 'disable':
      case 'enable':
        // In force from the comment's own line on (markdownlint's rule).
        if (control.line <= line && names(control, ruleId)) off = control.keyword === 'disable';
        break;
      case 'disable-line':
        if (line >= control.line && line <= control.endLine && names(control, ruleId)) return true;
        break;
      case 'disable-next-line':
        if (line === control.endLine + 1 && names(control, ruleId)) return true;
        break;
    }
  }
  return off;
}

/** Drops the messages that the file's control comments switch off. */
export function applyControls(file: VFile): void {
  const controls = file.data.offerbriefControls;
  if (!controls || controls.length === 0) return;
  const kept = file.messages.filter((message) => !silenced(message, controls));
  file.messages.length = 0;
  file.messages.push(...kept);
}
