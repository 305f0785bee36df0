import { InputError } from '../../errors.js';
import type { ScanResult } from '../../match/types.js';
import { csvScanFormat } from './csv.js';
import { cyclonedxScanFormat } from './cyclonedx.js';
import { jsonScanFormat } from './json.js';
import { openVexScanFormat } from './openvex.js';
import { sarifScanFormat } from './sarif.js';
import { tableScanFormat } from './table.js';
import type { ScanFormat, ScanRenderOptions } from './types.js';

/** Every scan output format by its `--format` name; adding one is one module and one line here. */
export const scanFormats: ReadonlyMap<string, ScanFormat> = new Map(
  [
    tableScanFormat,
    jsonScanFormat,
    sarifScanFormat,
    cyclonedxScanFormat,
    openVexScanFormat,
    csvScanFormat,
  ].map((f) => [f.name, f]),
);

/** Renders a scan result in the named format; an unknown name is an InputError listing the known ones. */
export function renderScan(format: string, result: ScanResult, options: ScanRenderOptions): string {
  const f = scanFormats.get(format);
  if (!f)
    throw new InputError(
      `unknown scan format "${format}"; use one of: ${[...scanFormats.keys()].join(', ')}.`,
    );
  return f.render(result, options);
}
