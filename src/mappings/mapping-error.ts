/** A mapping file that is missing, not JSON, or of the wrong shape: the message names the file, the JSON path and the reason. */
export class MappingError extends Error {}
