// The parts of @secvisogram/csaf-validator-lib (plain JavaScript, no types of its own) cleanroom calls.
declare module '@secvisogram/csaf-validator-lib/validateStrict.js' {
  interface Issue {
    message: string;
    instancePath: string;
  }
  interface TestOutcome {
    name: string;
    isValid: boolean;
    errors: Issue[];
  }
  type DocumentTest = (doc: unknown) => unknown;
  export default function validateStrict(
    tests: DocumentTest[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: TestOutcome[] }>;
}
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  const tests: Record<string, (doc: unknown) => unknown>;
  export = tests;
}
declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  export const csaf_2_0_strict: (doc: unknown) => unknown;
}
