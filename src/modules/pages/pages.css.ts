// The brief pages' one stylesheet (and their icon), served same-origin at STYLESHEET_PATH (a name that carries its
// digest, so it is cached for good). Pages carry no inline style (PAGE_CSP allows 'self' only): the
// timeline's server-computed positions and widths are classes in steps of 1/TIMELINE_STEPS.
import { createHash } from 'node:crypto'

/** The timeline strip is cut into this many steps: .tl-l<n> puts a bar at n steps, .tl-w<n> makes it n wide. */
export const TIMELINE_STEPS = 200

/** Highlight colours: a light background (text on it ≥ 12:1) and a dark line (≥ 4.5:1 on white). */
export const PALETTE = [
  ['#fde68a', '#92400e'],
  ['#bfdbfe', '#1d4ed8'],
  ['#bbf7d0', '#166534'],
  ['#fecdd3', '#be123c'],
  ['#ddd6fe', '#6d28d9'],
  ['#a5f3fc', '#0e7490'],
  ['#fed7aa', '#c2410c'],
  ['#e9d5ff', '#86198f'],
  ['#d9f99d', '#3f6212'],
  ['#e2e8f0', '#334155'],
] as const

const palette = PALETTE.map(([bg, line], i) => `.p${i}{--bg:${bg};--line:${line}}`).join('\n')

const step = 100 / TIMELINE_STEPS
const geometry = Array.from(
  { length: TIMELINE_STEPS + 1 },
  (_, n) => `.tl-l${n}{left:${+(n * step).toFixed(3)}%}.tl-w${n}{width:${+(n * step).toFixed(3)}%}`,
).join('\n')

const BASE = `
:root{--ink:#1a1a1a;--muted:#4b5563;--rule:#d1d5db;--link:#1d4ed8;--paper:#fff;--wash:#f6f7f9;
--serif:Charter,"Bitstream Charter","Iowan Old Style",Georgia,"DejaVu Serif",serif;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif}
*,*::before,*::after{box-sizing:border-box}
html{color:var(--ink);background:var(--paper);font:16px/1.5 var(--sans)}
body{margin:0}
a{color:var(--link);text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #b45309;outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:10}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.site{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:center;justify-content:space-between;
padding:.75rem 2rem;border-bottom:1px solid var(--rule);background:var(--wash)}
.site .brand{font-weight:700;font-size:1.15rem;color:var(--ink);text-decoration:none;letter-spacing:.01em}
.site nav ul{display:flex;gap:1.25rem;list-style:none;margin:0;padding:0}
form.search{display:flex;gap:.5rem;align-items:center}
form.search input{font:inherit;padding:.35rem .6rem;border:1px solid #6b7280;border-radius:4px;width:18rem}
form.search button{font:inherit;padding:.35rem .9rem;border:1px solid var(--link);background:var(--link);color:#fff;border-radius:4px;cursor:pointer}
main{max-width:78rem;margin:0 auto;padding:1.5rem 2rem 3rem}
h1{font:700 2rem/1.2 var(--serif);margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:2.25rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--ink)}
h3{font-size:1rem;margin:0 0 .35rem}
.meta{color:var(--muted);margin:0 0 .75rem}
.meta span+span::before{content:" · "}
.standfirst{font:1.15rem/1.5 var(--serif);margin:.5rem 0}
.keypoints{margin:.5rem 0 0;padding-left:1.2rem}
.precision{display:inline-block;font-size:.75rem;line-height:1.3;padding:0 .35rem;border:1px solid var(--muted);border-radius:3px;color:var(--muted);vertical-align:.1em;margin-left:.3rem;text-transform:uppercase;letter-spacing:.04em}
.reading{display:grid;grid-template-columns:minmax(0,44rem) minmax(14rem,1fr);gap:2.5rem;align-items:start}
.reading .legend-box{margin-top:2.25rem}
.body{font:1.1rem/1.95 var(--serif);white-space:pre-wrap;overflow-wrap:break-word;margin:0}
.legend-box{position:sticky;top:1rem;font-size:.9rem;border:1px solid var(--rule);border-radius:6px;padding:1rem;background:var(--wash)}
.legend-box h2{font-size:1rem;margin:0 0 .5rem;border:0;padding:0}
.legend{list-style:none;margin:0 0 .75rem;padding:0}
.legend li{display:flex;gap:.5rem;align-items:baseline;margin:.2rem 0}
.sw{display:inline-block;flex:none;width:1.6rem;height:.95rem;border-radius:2px;background:var(--bg);border-bottom:3px solid var(--line);vertical-align:-.1em}
.sw.event{border-bottom-style:dashed}
mark{background:var(--bg);color:inherit;border-bottom:2px solid var(--line);padding:.12em 0}
mark.event{border-bottom-style:dashed}
mark.d1{padding-bottom:.3em}
mark.d2{padding-bottom:.48em}
mark.d3{padding-bottom:.66em}
mark a.hl{color:inherit;text-decoration:none}
mark a.hl:hover{text-decoration:underline}
a.ref{font:700 .62rem/1 var(--sans);vertical-align:super;text-decoration:none;color:var(--line);margin:0 .05rem}
a.ref::after{content:attr(data-label)}
.notes-grid{display:grid;grid-template-columns:1fr 1fr;gap:0 2.5rem}
ol.notes{list-style:none;margin:0;padding:0}
.note{border-left:5px solid var(--line);padding:.6rem .9rem;margin:0 0 1rem;background:var(--paper);border-radius:0 4px 4px 0;box-shadow:0 0 0 1px var(--rule)}
.note:target{background:#fffbea;box-shadow:0 0 0 3px var(--line);scroll-margin-top:1rem}
.note .tag{display:inline-block;min-width:2.2rem;padding:0 .3rem;margin-right:.4rem;border-radius:3px;background:var(--bg);border:1px solid var(--line);text-align:center;font-size:.8rem}
.note .kind{text-transform:capitalize}
.note .sub{color:var(--muted);font-weight:400}
.note .auto{display:inline-block;padding:0 .35rem;border:1px solid #92400e;border-radius:3px;color:#92400e;background:#fffbeb;font-weight:600}
.note p{margin:.3rem 0}
.note dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.4rem 0;font-size:.9rem}
.note dt{color:var(--muted)}
.note dd{margin:0}
blockquote{margin:.5rem 0;padding:.4rem .8rem;border-left:3px solid var(--rule);font:1.02rem/1.5 var(--serif);white-space:pre-wrap}
blockquote.quote::before{content:"“"}
blockquote.quote::after{content:"”"}
.links{font-size:.88rem}
.links a+a::before{content:"·";display:inline-block;color:var(--muted);margin:0 .45rem}
.timeline{border:1px solid var(--rule);border-radius:6px;padding:.75rem 1rem;background:var(--wash)}
.tl-row{display:grid;grid-template-columns:15rem minmax(0,1fr) minmax(0,1.25fr);gap:1rem;align-items:center;padding:.2rem 0}
ol.tl-events{list-style:none;margin:0;padding:0}
ol.tl-events li+li{border-top:1px solid #e5e7eb}
.tl-when{font-size:.88rem}
.track{position:relative;height:1.1rem;background:#e5e7eb;border-radius:3px}
.axis{position:relative;height:1.3rem;list-style:none;margin:0;padding:0;font-size:.75rem;color:var(--muted)}
.axis li{position:absolute;top:0;border-left:1px solid #9ca3af;padding-left:.2rem;white-space:nowrap}
.bar{position:absolute;top:.15rem;bottom:.15rem;background:var(--line);border-radius:2px}
.bar.day{width:.8rem;border-radius:50%;margin-left:-.1rem}
.bar.month{border-radius:3px}
.bar.year{background:repeating-linear-gradient(135deg,var(--line) 0 4px,var(--bg) 4px 8px);border:1px solid var(--line)}
.bar.approximate{opacity:.75;outline:1px dashed var(--line);outline-offset:1px}
.undated{margin:.75rem 0 0;font-size:.95rem}
table.actors{border-collapse:collapse;width:100%;font-size:.95rem}
table.actors th,table.actors td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--rule);vertical-align:top}
table.actors thead th{border-bottom:2px solid var(--ink)}
table.actors small{display:block;color:var(--muted);font-weight:400}
ol.cards{list-style:none;margin:0;padding:0}
ol.cards li{padding:1rem 0;border-bottom:1px solid var(--rule)}
ol.cards h2,ol.cards h3{margin:0 0 .25rem;border:0;padding:0;font:700 1.25rem/1.3 var(--serif)}
.snippet{font-family:var(--serif);margin:.25rem 0}
.snippet mark{--bg:#fde68a;--line:#92400e}
.pager{margin:1.5rem 0;font-weight:600}
footer.site-foot{border-top:1px solid var(--rule);padding:1rem 2rem;color:var(--muted);font-size:.85rem}
@media (max-width:60rem){.reading,.notes-grid{grid-template-columns:1fr}.tl-row{grid-template-columns:1fr}.legend-box{position:static}}
@media print{
.site nav,form.search,.skip,.pager,.links{display:none}
html{font-size:11pt}
main{max-width:none;padding:0}
.reading{grid-template-columns:1fr}
.legend-box{position:static;break-inside:avoid}
.note,.tl-row,tr{break-inside:avoid}
mark,.bar,.sw,.note .tag{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
.note:target{box-shadow:0 0 0 1px var(--rule);background:none}
}
`

/** The stylesheet: base rules, the palette classes and the timeline geometry. */
export const STYLESHEET = `${BASE.trim()}\n${palette}\n${geometry}\n`

/** The site icon (browsers ask for one; without it they log a 404). */
export const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4ed8"/><path d="M9 20h14v4H9z" fill="#fde68a"/><path d="M9 8h14v4H9zM9 14h10v4H9z" fill="#fff"/></svg>`

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12)

/** Same-origin paths of the stylesheet and the icon; their names change with their content. */
export const STYLESHEET_PATH = `/briefs/assets/brief.${digest(STYLESHEET)}.css`
export const ICON_PATH = `/briefs/assets/icon.${digest(ICON)}.svg`
