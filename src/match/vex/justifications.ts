/**
 * VEX justifications in the two vocabularies. A statement keeps the justification its document
 * gave; output formats translate only what is not in their own vocabulary, so a round trip
 * through the same format is lossless.
 * OpenVEX: https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md#status-justifications
 * CycloneDX: https://cyclonedx.org/docs/1.6/json/#vulnerabilities_items_analysis_justification
 */

export const OPENVEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type OpenVexJustification = (typeof OPENVEX_JUSTIFICATIONS)[number];

export const CYCLONEDX_JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;
export type CycloneDxJustification = (typeof CYCLONEDX_JUSTIFICATIONS)[number];

// The nearest meaning in the other vocabulary; CycloneDX is finer, so this direction loses detail.
const CDX_TO_OPENVEX: Record<CycloneDxJustification, OpenVexJustification> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

const OPENVEX_TO_CDX: Record<OpenVexJustification, CycloneDxJustification> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

function isOpenVex(j: string): j is OpenVexJustification {
  return (OPENVEX_JUSTIFICATIONS as readonly string[]).includes(j);
}
function isCycloneDx(j: string): j is CycloneDxJustification {
  return (CYCLONEDX_JUSTIFICATIONS as readonly string[]).includes(j);
}

/** A justification in OpenVEX's vocabulary, for writing OpenVEX (undefined if unknown). */
export function toOpenVexJustification(j: string | undefined): OpenVexJustification | undefined {
  if (!j) return undefined;
  if (isOpenVex(j)) return j;
  return isCycloneDx(j) ? CDX_TO_OPENVEX[j] : undefined;
}

/** A justification in CycloneDX's vocabulary, for writing CycloneDX (undefined if unknown). */
export function toCycloneDxJustification(j: string | undefined): CycloneDxJustification | undefined {
  if (!j) return undefined;
  if (isCycloneDx(j)) return j;
  return isOpenVex(j) ? OPENVEX_TO_CDX[j] : undefined;
}
