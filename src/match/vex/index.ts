/** VEX: reading OpenVEX and CycloneDX VEX documents, and applying their statements to findings. */
export { parseVexFile, parseVexText } from './parse.js';
export { applyVex, type VexOutcome } from './apply.js';
export { imageIdentities, imagePurlFromReference } from './image-identity.js';
export { purlMatchesPackage, productMatchesImage } from './purl-match.js';
export { toCycloneDxJustification, toOpenVexJustification } from './justifications.js';
export type { VexDocumentStatement, VexProduct } from './types.js';
