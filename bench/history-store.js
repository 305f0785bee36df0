// Generates a history store for the benchmark: IMAGES images with one tag each, one observation a
// day for DAYS days from 2024-01-01, a new digest every week, and findings that accumulate between
// rebuilds as in real images (a pool of ids per image; a rebuild drops most of them). Seeded, so
// every run measures the same store. Written straight through better-sqlite3 in one transaction.
import Database from 'better-sqlite3';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];

function random(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Fills the (migrated, empty) SQLite store at `path`; returns the number of observations. */
export function generateStore(path, images, days) {
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const rnd = random(42);
  const obs = db.prepare(`INSERT INTO observation VALUES (${Array(24).fill('?').join(', ')})`);
  const move = db.prepare('INSERT INTO tag_digest VALUES (?, ?, ?, ?)');
  const digest = db.prepare(
    'INSERT INTO digest (digest, kind, inventory, created, size_bytes, packages, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let n = 0;
  db.transaction(() => {
    for (let i = 0; i < images; i++) {
      const image = `bench/image-${i}`;
      const first = '2024-01-01T00:00:00.000Z';
      db.prepare('INSERT INTO image VALUES (?, ?)').run(image, first);
      db.prepare('INSERT INTO tag VALUES (?, ?, ?)').run(image, 'latest', first);
      const base = 2 + Math.floor(rnd() * 40); // an image's baseline load: minimal to heavy
      let open = [];
      let next = 0;
      let current = '';
      for (let d = 0; d < days; d++) {
        const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
        const at = `${day}T06:00:00.000Z`;
        if (d % 7 === 0) {
          current = `sha256:${(i * 1000 + d).toString(16).padStart(64, '0')}`;
          digest.run(current, 'manifest', null, at, 50_000_000 + i * 1000, 120, at);
          move.run(image, 'latest', at, current);
          open = open.slice(0, Math.floor(base / 2)); // a rebuild resolves about half
        }
        while (open.length < base && rnd() < 0.9) open.push(`CVE-2024-${i}${next++}`);
        if (rnd() < 0.3) open.push(`CVE-2024-${i}${next++}`);
        const findings = open.map((id, k) => [
          id,
          SEVERITIES[k % 5],
          k % 3 ? 'fixed' : 'not-fixed',
          `pkg${k % 17}`,
          '1.0-r0',
          '',
        ]);
        const by = SEVERITIES.map((s) => findings.filter((f) => f[1] === s).length);
        const fixed = findings.filter((f) => f[2] === 'fixed').length;
        obs.run(
          image,
          'latest',
          current,
          day,
          at,
          at,
          'track',
          'cleanroom',
          '0.1.0',
          at,
          '{}',
          by[0],
          by[1],
          by[2],
          by[3],
          0,
          by[4],
          findings.length,
          fixed,
          findings.length - fixed,
          0,
          0,
          [...new Set(open)].sort().join(' '),
          JSON.stringify(findings),
        );
        n++;
      }
    }
  })();
  db.close();
  return n;
}
