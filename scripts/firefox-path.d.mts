export function firefoxPath(): string | null;
