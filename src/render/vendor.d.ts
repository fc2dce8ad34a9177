// fontkit ships no type declarations; the renderer only needs `create`.
declare module 'fontkit' {
  /** A parsed font; pdfkit's `registerFont` accepts it as is (pdfkit >= 0.20). */
  export interface FontkitFont {
    layout(text: string): unknown;
    readonly postscriptName: string;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}
