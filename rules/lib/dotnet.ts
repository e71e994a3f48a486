/** .NET Framework 4.5+ Release values: the minimum Release of each version (Microsoft's table). */
const RELEASES: readonly [number, string][] = [
  [533320, '4.8.1'], [528040, '4.8'], [461808, '4.7.2'], [461308, '4.7.1'], [460798, '4.7'],
  [394802, '4.6.2'], [394254, '4.6.1'], [393295, '4.6'], [379893, '4.5.2'], [378675, '4.5.1'], [378389, '4.5'],
];

export const DOTNET_461_RELEASE = 394254;

export function dotnetName(release: number | null): string {
  if (release === null) return 'no .NET Framework 4.5 or later (the v4\\Full Release value is absent)';
  const hit = RELEASES.find(([min]) => release >= min);
  return hit ? `.NET Framework ${hit[1]} (Release ${release})` : `.NET Framework older than 4.5 (Release ${release})`;
}
