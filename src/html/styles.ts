// The web edition's stylesheet: the house colours and faces, a measure of about
// 66 characters, notes beside their paragraph on wide screens, below it on
// middling ones and at the section's end on phones, and print rules.
import { colour } from '../layout/theme.ts';
import { SANS, SERIF } from '../layout/fonts.ts';

const serif = `"${SERIF}", Georgia, "Times New Roman", serif`;
const sans = `"${SANS}", "Segoe UI", Helvetica, Arial, sans-serif`;

export const STYLESHEET = `
:root{--ink:${colour.ink};--accent:${colour.accent};--muted:${colour.muted};--rule:${colour.rule};--tint:${colour.tint};--missing:${colour.missing};--measure:40rem;--margin:15rem}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:1.0625rem/1.6 ${serif};font-kerning:normal;font-variant-ligatures:common-ligatures}
.wrap{max-width:calc(var(--measure) + 2.5rem);margin:0 auto;padding:0 1.25rem}
a{color:var(--accent);text-decoration-thickness:.06em;text-underline-offset:.15em}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:1rem;z-index:1;background:#fff;padding:.5rem .75rem}
.cover{background:var(--accent);color:#fff;padding:2.5rem 0 2rem}
.cover .series{font:600 .75rem/1.4 ${sans};letter-spacing:.12em;text-transform:uppercase;color:#c9d6e3;margin:0 0 2.5rem}
.cover h1{font:600 clamp(1.9rem,6vw,2.6rem)/1.1 ${sans};margin:0 0 .9rem;letter-spacing:-.01em}
.cover .subtitle{font:400 clamp(1.1rem,3.4vw,1.3rem)/1.35 ${sans};color:#e4ebf2;margin:0 0 2rem;max-width:34rem}
.cover .lines{font:400 .9375rem/1.5 ${sans};color:#e4ebf2;margin:0;border-top:1px solid #5d7692;padding-top:.75rem}
.draft{font:600 .8125rem/1.4 ${sans};letter-spacing:.04em;color:var(--missing);background:#fff;border:1px solid var(--missing);padding:.4rem .7rem;margin:1.25rem 0 0;display:inline-block}
main.wrap{padding-top:2rem;padding-bottom:3rem}
h2{font:600 1.375rem/1.25 ${sans};color:var(--accent);margin:2.25rem 0 .75rem;scroll-margin-top:1rem}
p{margin:0 0 .8rem;hyphens:auto;overflow-wrap:break-word}
em{font-style:italic}
strong{font-weight:600}
.findings{background:var(--tint);border-left:3px solid var(--accent);padding:.9rem 1.25rem .4rem;margin:0 0 2rem}
.findings h2{font-size:1.0625rem;margin:0 0 .6rem}
.findings ul{margin:0;padding-left:1.1rem}
.findings li{margin:0 0 .6rem;line-height:1.5}
.findings li::marker{color:var(--accent)}
.contents h2{font-size:1.0625rem;margin:0 0 .5rem}
.contents ol{font:400 1rem/1.5 ${sans};margin:0;padding-left:1.4rem}
.contents li{margin:.2rem 0}
.contents li::marker{color:var(--muted)}
.noteref{font:600 .68em/0 ${sans};vertical-align:.55em;text-decoration:none;padding:0 .08em;margin-left:.03em}
.notes{font-size:.875rem;line-height:1.45;margin:-.3rem 0 1rem;padding-left:.75rem;border-left:2px solid var(--tint)}
.notes aside{margin:0 0 .35rem}
.notes .num{font:600 .8rem/1 ${sans};text-decoration:none;margin-right:.35rem}
.notes .missing{color:var(--missing);font-style:italic}
.notes a{overflow-wrap:anywhere}
:target{background:#fff6d8}
figure{margin:1.5rem 0 1.75rem;padding:0 0 .75rem;border-bottom:1px solid var(--rule)}
figcaption{font:600 1rem/1.35 ${sans};margin:0 0 .6rem}
figcaption .label{color:var(--accent)}
figure svg{display:block;max-width:100%;height:auto}
.chart{overflow-x:auto}
.chart:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
figure .source{font:400 .8125rem/1.4 ${sans};color:var(--muted);margin:.5rem 0 0}
.bibliography p{padding-left:1.5rem;text-indent:-1.5rem;font-size:.9375rem}
.colophon{font:400 .8125rem/1.5 ${sans};color:var(--muted);border-top:1px solid var(--rule);padding:1rem 0 2rem}
@media (max-width:40rem){
  body{font-size:1rem;line-height:1.55}
  .text{display:flex;flex-direction:column}
  .text>.notes{order:1;border-left:0;padding-left:0;margin:0}
  .text>.notes:first-of-type{border-top:1px solid var(--rule);padding-top:.6rem;margin-top:.75rem}
  .chart svg{max-width:none;min-width:30rem}
}
@media (min-width:72rem){
  .wrap{max-width:calc(var(--measure) + var(--margin) + 5rem)}
  .text{display:grid;grid-template-columns:minmax(0,var(--measure)) var(--margin);column-gap:2.5rem;align-items:start}
  .text>*{grid-column:1}
  .text>.notes{grid-column:2;margin:.2rem 0 0;padding:0;border:0;font-size:.8125rem;color:var(--ink)}
  .findings,.contents{max-width:var(--measure)}
}
@media print{
  @page{size:A4;margin:20mm 20mm 18mm}
  body{font-size:10.5pt;line-height:1.4}
  .wrap{max-width:none;padding:0}
  .skip{display:none}
  .cover{print-color-adjust:exact;-webkit-print-color-adjust:exact;padding:1.5rem 1rem;margin-bottom:1rem}
  main.wrap{padding:0}
  p{text-align:justify}
  h2{break-after:avoid}
  .findings,.contents,.notes aside{break-inside:avoid}
  figure{break-inside:avoid}
  .text>.notes{display:block;font-size:8.5pt;border-left:0;padding-left:0}
  a{text-decoration:none}
  :target{background:none}
}
`.trim();
