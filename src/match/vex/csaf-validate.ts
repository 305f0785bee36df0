/**
 * Refuses a malformed CSAF 2.0 document before its statements are used, naming the rule it
 * breaks: the CSAF 2.0 JSON schema (strict) and the specification's mandatory tests (section
 * 6.1), as the BSI's @secvisogram/csaf-validator-lib implements them.
 */
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import { InputError } from '../../errors.js';

/** Throws an InputError naming the first rule `doc` breaks and where; returns when it is valid CSAF 2.0. */
export async function assertValidCsaf(doc: unknown, source: string): Promise<void> {
  const result = await validateStrict([csaf_2_0_strict, ...Object.values(mandatory)], doc);
  if (result.isValid) return;
  const failed = result.tests.find((t) => !t.isValid);
  const issue = failed?.errors[0];
  const rule = failed?.name.startsWith('mandatoryTest_')
    ? `mandatory test ${failed.name.slice('mandatoryTest_'.length).replaceAll('_', '.')}`
    : 'the CSAF 2.0 JSON schema';
  throw new InputError(
    `${source} is not a valid CSAF 2.0 document: it fails ${rule}` +
      (issue ? ` (${issue.message}) at ${issue.instancePath || '/'}` : ''),
  );
}
