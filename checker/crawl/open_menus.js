// Run by checker/crawl/render.py in each rendered page (page.evaluate), before its HTML is read.
// Clicks every menu toggle (aria-expanded, aria-haspopup, Bootstrap and common CMS classes, <details>) and
// hovers menu items, one at a time, without following links: a click that would navigate (a router link, a
// real href) has its default prevented, which routers honour. Links seen after each step are collected and,
// if the app removed them again, appended in a hidden <nav> so that they are read with the page.
async (limit) => {
  const toggles = '[aria-expanded="false"], [aria-haspopup="true"], [aria-haspopup="menu"], .dropdown-toggle,'
    + ' [data-toggle="dropdown"], [data-bs-toggle="dropdown"], [data-toggle="collapse"], [data-bs-toggle="collapse"],'
    + ' .navbar-toggler, .menu-toggle, .menu-btn, .hamburger, details:not([open]) > summary';
  const hovers = 'nav li, .menu li, .navbar li, [role="menubar"] > *, [role="menu"] > *';
  const stay = (e) => {
    const a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    const h = a ? (a.getAttribute('href') || '').trim() : '';
    if (a && h && h !== '#' && !h.toLowerCase().startsWith('javascript:')) e.preventDefault();
  };
  const seen = new Map();
  const collect = () => {
    for (const a of document.querySelectorAll('a[href]')) {
      const key = a.href + '\u0000' + (a.textContent || '').trim();
      if (!seen.has(key)) seen.set(key, [a.getAttribute('href'), (a.textContent || '').trim()]);
    }
  };
  const pause = () => new Promise((r) => setTimeout(r, 60));
  window.addEventListener('click', stay, true);
  collect();
  let n = 0;
  try {
    for (const el of Array.from(document.querySelectorAll(toggles)).slice(0, limit)) {
      try { el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); el.click(); n++; } catch (e) {}
      await pause();
      collect();
    }
    for (const el of Array.from(document.querySelectorAll(hovers)).slice(0, limit * 2)) {
      el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
      el.dispatchEvent(new MouseEvent('mouseenter'));
      n++;
    }
    if (n) { await pause(); collect(); }
  } finally {
    setTimeout(() => window.removeEventListener('click', stay, true), 0);
  }
  const present = new Set(Array.from(document.querySelectorAll('a[href]'), (a) => a.href + '\u0000' + (a.textContent || '').trim()));
  const missing = Array.from(seen.entries()).filter(([k]) => !present.has(k));
  if (missing.length) {
    const nav = document.createElement('nav');
    nav.hidden = true;
    nav.setAttribute('data-oitcheck', 'revealed-menu');
    const ul = document.createElement('ul');
    for (const [, [href, text]] of missing) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.setAttribute('href', href);
      a.textContent = text;
      li.appendChild(a);
      ul.appendChild(li);
    }
    nav.appendChild(ul);
    document.body.appendChild(nav);
  }
  return n;
}
