// DB-IP's IP to City Lite data is licensed CC BY 4.0, which asks for this line wherever its places are shown. The
// window opens no other windows in Electron, so there the link is refused; in a browser it opens a new tab and
// leaves the console where it was.
export function GeoAttribution() {
  return (
    <p className="geo-attribution">
      IP Geolocation by{' '}
      <a href="https://db-ip.com" target="_blank" rel="noreferrer">
        DB-IP
      </a>
    </p>
  );
}
