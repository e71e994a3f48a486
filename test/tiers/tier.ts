/**
 * describe() for a tier's tests: runs them when the tool is there; otherwise skips them (the summary
 * reporter says which tier was not run and how to enable it), or, when the tier is required
 * (CCDOCTOR_REQUIRE_TIERS, set by .ci/run), fails with that reason.
 */
import { describe, it } from 'vitest';
import { detectTier, notRunLine, tierRequired, type Tier, type TierName } from './detect.js';

export function describeTier(name: TierName, title: string, body: (tier: Tier & { tool: string }) => void): void {
  const tier = detectTier(name);
  if (tier.tool && !tier.missing) {
    describe(title, () => body(tier as Tier & { tool: string }));
    return;
  }
  if (tierRequired(name)) {
    describe(title, () => {
      it(`needs the ${tier.title} tier`, () => {
        throw new Error(`${notRunLine(tier)} (required by CCDOCTOR_REQUIRE_TIERS)`);
      });
    });
    return;
  }
  describe.skip(`${title} [${tier.title} tier not available]`, () => body(tier as Tier & { tool: string }));
}
