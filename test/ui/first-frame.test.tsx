import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { RULE_COUNT } from 'ccdoctor:rule-count';
import { FirstFrame } from '../../src/ui/FirstFrame.js';
import { makeTheme } from '../../src/ui/theme.js';
import { frame, renderApp, settle, testServices } from './helpers.js';

describe('the first frame (painted before the rest of the wizard loads)', () => {
  it('is the home screen exactly as the wizard paints it before PowerShell is found', async () => {
    const theme = makeTheme({ noColour: true });
    const first = render(<FirstFrame theme={theme} ruleCount={RULE_COUNT} explain />);
    const app = renderApp({ services: testServices({ liveStatus: () => new Promise(() => undefined) }), theme });
    await settle(app);
    expect(frame(first)).toContain('Try the demo host');
    expect(frame(first)).toContain(`Browse symptoms (${RULE_COUNT} rules by family)`);
    expect(frame(first)).toBe(frame(app));
    first.unmount();
    app.unmount();
  });
});
