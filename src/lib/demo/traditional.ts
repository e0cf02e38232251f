/**
 * Simplified → traditional conversion for demo reports, character level (opencc-js `cn` → `tw`,
 * no phrase mode, so 文件 stays 文件). The converter is built on first use (≈0.3 s) and reused.
 */
import * as OpenCC from 'opencc-js/cn2t';

let converter: ((s: string) => string) | undefined;

export function toTraditional(s: string): string {
	converter ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
	return converter(s);
}
