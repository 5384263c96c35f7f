/**
 * The URL of the prefecture boundary TopoJSON, when the deployment configured one: the api injects
 * `<meta name="kakawari-boundaries" content="…">` into index.html (WEB_TOPOJSON_FILE / _URL).
 * null = no boundaries: the dashboard uses the built-in 47-tile grid map.
 */
export function boundariesUrl(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="kakawari-boundaries"]');
  const url = meta?.content.trim();
  return url ? url : null;
}
