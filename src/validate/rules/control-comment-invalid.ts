import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { controlKeywords } from '../../parse/controls.js';
import { closest } from '../../suggest.js';
// A cycle (the registry lists this rule), harmless: ruleIds is read only when checking.
import { ruleIds } from '../registry.js';

/** The replacement that makes the comment right: source offsets [start, end) and the text to put there. */
export interface Fix {
  range: [number, number];
  text: string;
}

function withFix(message: object, range: [number, number], text: string): void {
  (message as { fix?: Fix }).fix = { range, text };
}

const keywords = controlKeywords.map((keyword) => `offerbrief-${keyword}`);

export const controlCommentInvalid: Rule = {
  meta: {
    id: 'control-comment-invalid',
    url: ruleUrl('control-comment-invalid'),
    severity: 'warn',
    description: 'Each offerbrief control comment is a known one and names known rule ids.',
  },
  check(_guide, file) {
    for (const control of file.data.offerbriefControls ?? []) {
      const written = `offerbrief-${control.keyword}`;
      if (!control.known) {
        const hint = closest(written, keywords);
        const message = report(
          file,
          this.meta,
          `Unexpected control comment "${written}", expected ${hint ? `"${hint}"` : `one of ${keywords.join(', ')}`}`,
          { line: control.line, column: control.column, endLine: control.endLine, endColumn: control.endColumn },
        );
        if (hint) withFix(message, control.keywordRange, hint);
        continue;
      }
      control.ids.forEach((id, i) => {
        if (ruleIds.includes(id)) return;
        const hint = closest(id, ruleIds);
        const message = report(
          file,
          this.meta,
          `Unexpected rule id "${id}" in an ${written} comment, expected ${hint ? `"${hint}"` : 'a rule id from docs/rules.md'}`,
          control.idPositions[i],
        );
        if (hint) withFix(message, control.idRanges[i]!, hint);
      });
    }
  },
};
