// The report's stylesheet, inlined into the page: system fonts only (no font is fetched), a print
// stylesheet that keeps cards whole on A4 pages.
export const REPORT_CSS = `
:root{--ink:#141a2e;--muted:#5d6680;--line:#e4e7ef;--bg:#f4f6fb;--card:#fff;--accent:#5b6cff;--ok:#15803d;--bad:#c2410c;--A:#16a34a;--B:#2563eb;--C:#d97706;--D:#dc2626}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:1080px;margin:0 auto;padding:28px 20px 40px}
h1{font-size:28px;line-height:1.2;margin:4px 0 6px;letter-spacing:-.01em}
h2{font-size:18px;margin:0 0 14px;letter-spacing:-.005em}
h3{font-size:15px;margin:0 0 6px}
p{margin:0 0 8px}
ul,ol{margin:0;padding:0;list-style:none}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:22px 24px;margin:0 0 18px;box-shadow:0 1px 2px rgba(20,26,46,.04),0 6px 24px rgba(20,26,46,.05)}
.muted{color:var(--muted)}.small{font-size:13px}.tiny{font-size:12px;margin-top:6px}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:12px;font-weight:700;color:var(--accent);margin:0}
.meta{color:var(--muted);font-size:13px}
.summary{font-size:16px;max-width:62ch;margin-top:10px}
.hero{display:grid;grid-template-columns:1fr auto auto;gap:24px;align-items:center;background:linear-gradient(135deg,#fff 0%,#f3f4ff 100%)}
.hero-score .ring{width:150px;height:150px;display:block}
.ring-score{font-size:38px;font-weight:800;fill:var(--ink)}
.ring-grade{font-size:15px;font-weight:700;fill:var(--muted);letter-spacing:.08em}
.poster{width:150px;max-height:220px;object-fit:cover;border-radius:12px;border:1px solid var(--line)}
.facts{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.fact{background:#fff;border:1px solid var(--line);border-radius:999px;padding:4px 12px;font-size:13px;color:var(--muted)}
.fact b{color:var(--ink)}.fact.bad b{color:var(--bad)}
.metrics{display:grid;grid-template-columns:repeat(3,1fr);gap:14px}
.metric{border:1px solid var(--line);border-radius:12px;padding:14px}
.metric-head{display:flex;align-items:center;gap:8px;margin-bottom:8px}
.metric-title{font-weight:650;flex:1;font-size:14px}
.grade{display:inline-grid;place-items:center;width:22px;height:22px;border-radius:6px;color:#fff;font-size:12px;font-weight:800}
.g-A{background:var(--A)}.g-B{background:var(--B)}.g-C{background:var(--C)}.g-D{background:var(--D)}
.bar{height:8px;background:#edf0f6;border-radius:99px;overflow:hidden;margin:0 0 10px}
.bar span{display:block;height:100%;border-radius:99px}
.label{font-size:11px;text-transform:uppercase;letter-spacing:.08em;font-weight:700;margin:8px 0 4px}
.ok-t{color:var(--ok)}.bad-t{color:var(--bad)}
.well li,.improve li{font-size:13px;padding-left:16px;position:relative;margin-bottom:3px}
.well li:before{content:"✓";position:absolute;left:0;color:var(--ok);font-weight:700}
.improve li:before{content:"→";position:absolute;left:0;color:var(--bad);font-weight:700}
.audiences{display:grid;grid-template-columns:repeat(4,1fr);gap:14px}
.aud{border:1px solid var(--line);border-radius:12px;padding:14px}
.aud-head{display:flex;justify-content:space-between;font-weight:650;margin-bottom:6px}.aud-head b{font-size:20px}
.checks{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.checklist li{display:flex;gap:10px;padding:8px 0;border-top:1px solid var(--line)}
.checklist p{margin:2px 0 0}
.mark{flex:none;width:22px;height:22px;border-radius:50%;display:grid;place-items:center;font-size:12px;font-weight:800;color:#fff}
.ok .mark{background:var(--ok)}.bad .mark{background:var(--bad)}.unk .mark{background:#94a3b8}
.time{font-variant-numeric:tabular-nums;font-size:12px;color:var(--accent);font-weight:650;background:#eef0ff;border-radius:6px;padding:1px 6px}
.issues{display:grid;gap:14px}
.issue{display:grid;grid-template-columns:260px 1fr;gap:18px;border:1px solid var(--line);border-left:4px solid var(--C);border-radius:12px;padding:14px}
.issue.sev-HIGH{border-left-color:var(--D)}.issue.sev-LOW{border-left-color:#94a3b8}
.issue-head{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:6px}
.chip{display:inline-block;font-size:12px;border-radius:999px;padding:2px 10px;background:#eef1f7;color:var(--ink);margin-right:4px}
.chip.sev{background:#fff3e0;color:#9a3412;font-weight:650}.sev-HIGH .chip.sev{background:#fee2e2;color:#991b1b}
.chip.pen{background:#fee2e2;color:#991b1b;font-weight:700}
.chip.lvl-HIGH{background:#fee2e2;color:#991b1b}.chip.lvl-MEDIUM{background:#fff3e0;color:#9a3412}.chip.lvl-LOW{background:#e0f2fe;color:#075985}
.evidence{position:relative;margin:0;border-radius:10px;overflow:hidden;background:#0f1222;max-height:320px;justify-self:center;width:100%}
.evidence img{display:block;width:100%;height:100%;object-fit:contain}
.evidence .boxes{position:absolute;inset:0;width:100%;height:100%}
.box{fill:rgba(250,204,21,.14);stroke:#facc15;stroke-width:2.5}.box-halo{fill:none;stroke:rgba(15,18,34,.7);stroke-width:5}
.issue.no-still{grid-template-columns:1fr}
.evidence figcaption{position:absolute;right:8px;top:8px;background:rgba(15,18,34,.75);color:#fff;font-size:12px;border-radius:6px;padding:1px 7px}
.words span{background:#fef9c3;border-radius:4px;padding:0 4px;margin-right:4px}
.stats{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:10px}
.stat{border:1px solid var(--line);border-radius:10px;padding:6px 12px;display:flex;flex-direction:column}
.stat small{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.06em}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:#edf0f6;stroke-width:1}.chart .axis{fill:var(--muted);font-size:11px}
.chart .cut{stroke:#cbd5e1;stroke-dasharray:2 3}
.chart .lufs{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round}
.chart .lufs-area{fill:url(#lufsFill)}.chart .lufs-dot{fill:var(--accent)}
.chart .target{stroke:#e11d48;stroke-width:1.5;stroke-dasharray:6 4}
.chart .target-label{fill:#e11d48;font-size:11px;font-weight:650}
.shotbar{width:100%;height:14px;display:block;margin:6px 0 12px}
.shot-a{fill:#c7cdfd}.shot-b{fill:#8b96fb}
.strip{display:flex;gap:10px;overflow-x:auto;padding-bottom:4px}
.shot{flex:none;width:150px;margin:0;position:relative;border-radius:8px;overflow:hidden;background:#0f1222}
.shot img{display:block;width:100%;height:100%;object-fit:cover}
.shot figcaption{position:absolute;left:6px;bottom:6px;background:rgba(15,18,34,.75);color:#fff;font-size:11px;border-radius:5px;padding:0 6px}
.transcript li{display:grid;grid-template-columns:56px 1fr;gap:10px;padding:6px 0;border-top:1px solid var(--line)}
.transcript .time{justify-self:start;align-self:start}
.actions li{display:flex;gap:14px;padding:10px 0;border-top:1px solid var(--line)}
.actions p{margin:0 0 4px}
.rank{flex:none;width:28px;height:28px;border-radius:50%;background:var(--accent);color:#fff;display:grid;place-items:center;font-weight:800;font-size:13px}
table.cost{width:100%;border-collapse:collapse;font-size:14px;margin-bottom:8px}
table.cost td,table.cost th{padding:6px 8px;border-top:1px solid var(--line);text-align:left}
table.cost thead th{border:0;padding:0}
.num{text-align:right!important;font-variant-numeric:tabular-nums}
.print-note{display:flex;gap:12px;align-items:center;justify-content:flex-end;font-size:13px;color:var(--muted);margin:0 0 12px}
.button{background:var(--accent);color:#fff;text-decoration:none;border-radius:8px;padding:6px 14px;font-weight:650}
footer{text-align:center;margin-top:20px}
@media screen and (max-width:820px){.hero{grid-template-columns:1fr}.metrics{grid-template-columns:1fr 1fr}.audiences{grid-template-columns:1fr 1fr}.checks{grid-template-columns:1fr}.issue{grid-template-columns:1fr}.poster{display:none}}
@media print{
  @page{size:A4;margin:12mm}
  body{background:#fff;font-size:12px}
  main{max-width:none;padding:0}
  /* Sections may span pages; what is inside them stays whole. */
  .card{box-shadow:none;border-color:#d5d9e3;padding:14px 16px;margin-bottom:10px}
  .keep,.hero,.issue,.metric,.aud,.actions li,.checklist li,.transcript li,.chart,table.cost{break-inside:avoid;page-break-inside:avoid}
  h2{break-after:avoid}
  .hero{grid-template-columns:1fr auto auto;gap:16px}
  .hero-score .ring{width:120px;height:120px}
  .poster{width:110px}
  .issue{grid-template-columns:200px 1fr}
  .metrics{gap:10px}
  .no-print{display:none!important}
  .strip{flex-wrap:wrap;overflow:visible}
  .hero{background:#fff}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
