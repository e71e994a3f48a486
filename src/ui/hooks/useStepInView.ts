import { useEffect, useRef } from 'react';
import type { Wizard } from '../context.js';
import { scrollToStep, type DetailLayout } from '../screens/detail-lines.js';

/**
 * Keeps the selected step whole in view when the step or the page's height changes. The height can change
 * with the step itself: a step with a command adds "c copy command" to the key hints, which may then take a
 * second row, after the key handler placed the step for the height it had. Scrolling (PgUp/PgDn) alone
 * changes neither, so it is left alone.
 */
export function useStepInView(w: Wizard, name: 'detail' | 'procedure', layout: DetailLayout, step: number, scroll: number, height: number): void {
  // A page opens where its handler put it (its top, or where it was left): only later changes move it.
  const placed = useRef({ step, height });
  useEffect(() => {
    const last = placed.current;
    placed.current = { step, height };
    if (last.step === step && last.height === height) return;
    const want = scrollToStep(layout, step, scroll, height);
    if (want === scroll) return;
    if (name === 'detail') w.dispatch({ type: 'patch', name: 'detail', patch: { scroll: want } });
    else w.dispatch({ type: 'patch', name: 'procedure', patch: { scroll: want } });
  });
}
