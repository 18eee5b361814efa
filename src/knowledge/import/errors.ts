// Bad input to the importer: one clear line for the admin, and nothing on disk changed.
export class ImportError extends Error {
  override name = 'ImportError';
}
