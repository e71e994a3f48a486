// Facts of this family are defined here (see src/facts/index.ts).
export {};
