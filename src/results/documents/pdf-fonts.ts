/**
 * The fonts embedded in every results PDF.
 *
 * PDF's standard fonts (Helvetica, Times) cover Latin-1 only: "ệ", "ữ", "Đ" would come out as
 * garbage. Noto Serif covers every precomposed Vietnamese letter, looks close to the Times New
 * Roman that Nghị định 30/2020/NĐ-CP prescribes for administrative documents, and the
 * @expo-google-fonts package ships it as plain TrueType, which pdfkit subsets and embeds with a
 * ToUnicode map (so the text can be copied and searched, and pdftotext reads it back).
 *
 * Paths are resolved through Node's module resolution from this file, so they work the same from
 * src/ under jest and from dist/ after `nest build` (node_modules is found by walking up).
 */

const PACKAGE = '@expo-google-fonts/noto-serif';

/**
 * The font files, used directly as pdfkit font names. Not aliases through registerFont: pdfkit
 * caches a font under the name it was asked for, except when a font with the same PostScript
 * name is already loaded (the document's default font), where it re-parses the 500 kB file on
 * every switch. Resolved at load time, so a missing package fails at start-up, not mid-request.
 */
export const FONT = {
  regular: require.resolve(`${PACKAGE}/400Regular/NotoSerif_400Regular.ttf`),
  bold: require.resolve(`${PACKAGE}/700Bold/NotoSerif_700Bold.ttf`),
  italic: require.resolve(`${PACKAGE}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`),
} as const;

export type FontName = (typeof FONT)[keyof typeof FONT];
