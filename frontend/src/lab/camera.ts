// The QR reader of the camera scanner: the browser's own BarcodeDetector
// where it has one that reads QR codes, else the barcode-detector ponyfill
// (ZXing compiled to WebAssembly). Both are loaded only when a technician
// opens the camera, and the .wasm file is served by this app, never by a
// CDN (stations may be offline from the internet, and the CSP allows self).
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}

interface NativeDetectorClass {
  new (opts: { formats: string[] }): QrDetector
  getSupportedFormats(): Promise<string[]>
}

export async function qrDetector(): Promise<QrDetector> {
  const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector
  if (native) {
    try {
      if ((await native.getSupportedFormats()).includes('qr_code')) return new native({ formats: ['qr_code'] })
    } catch {
      // a native detector without QR support: use the ponyfill
    }
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ])
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  })
  return new BarcodeDetector({ formats: ['qr_code'] })
}
