// How the importer names a section in its report: the heading path as the answers cite it.
export const SECTION_PATH_SEPARATOR = ' › ';
