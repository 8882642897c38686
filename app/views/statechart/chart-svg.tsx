/**
 * One statechart as SVG, drawn with d3 from its layout once (the layout is static per machine);
 * each step only toggles classes: the active state lit, the transition just taken lit with its
 * event name, the state it came from outlined. React owns the <svg> element and its accessible
 * name; d3 owns what is inside it.
 */
import { select } from 'd3';
import { useEffect, useRef } from 'react';
import type { Taken } from './active';
import type { ChartLayout, EdgePath, NodeBox } from './layout';

/**
 * The names' largest size on screen, in em of the panel. Each chart fills the column's width up
 * to that size (a wide column does not blow it up; a narrow one shrinks it).
 */
const NAME_EM = 0.8;

interface Props {
  layout: ChartLayout;
  /** Accessible name of the picture (machine and active state). */
  label: string;
  active: string | null;
  taken: Taken | null;
}

export function ChartSvg({ layout, label, active, taken }: Props) {
  const ref = useRef<SVGSVGElement>(null);

  useEffect(() => {
    const svg = ref.current;
    if (svg !== null) drawChart(svg, layout);
  }, [layout]);

  useEffect(() => {
    const svg = ref.current;
    if (svg !== null) lightChart(svg, active, taken);
  }, [active, taken]);

  return (
    <svg
      ref={ref}
      className="chart-svg"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      style={{
        maxWidth: `${(layout.width * NAME_EM) / layout.font}em`,
      }}
    />
  );
}

function markerId(layout: ChartLayout, lit: boolean): string {
  return `sc-arrow-${layout.id}${lit ? '-lit' : ''}`;
}

function edgeTitle(e: EdgePath, layout: ChartLayout): string {
  const short = (k: string) => layout.nodes.find((n) => n.key === k)?.short ?? k;
  return `${short(e.from)} → ${short(e.to)}: ${e.events.join(' or ')}`;
}

function drawChart(svg: SVGSVGElement, layout: ChartLayout): void {
  const root = select(svg);
  root.selectChildren().remove();
  const defs = root.append('defs');
  for (const lit of [false, true]) {
    defs
      .append('marker')
      .attr('id', markerId(layout, lit))
      .attr('class', lit ? 'arrow lit' : 'arrow')
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', lit ? 5 : 6)
      .attr('markerHeight', lit ? 5 : 6)
      .attr('markerUnits', 'strokeWidth')
      .attr('orient', 'auto')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 z');
  }

  root
    .append('g')
    .attr('class', 'edges')
    .selectAll<SVGGElement, EdgePath>('g.edge')
    .data(layout.edges, (e) => e.id)
    .join('g')
    .attr('class', (e) => `edge ${e.kind}${e.back ? ' back' : ''}`)
    .attr('data-edge', (e) => e.id)
    .call((g) => {
      g.append('title').text((e) => edgeTitle(e, layout));
      // A wide transparent twin makes the thin line easy to hover for its tooltip.
      g.append('path')
        .attr('class', 'hit')
        .attr('d', (e) => e.d);
      g.append('path')
        .attr('class', 'line')
        .attr('d', (e) => e.d)
        .attr('marker-end', `url(#${markerId(layout, false)})`);
    });

  const nodes = root
    .append('g')
    .attr('class', 'nodes')
    .selectAll<SVGGElement, NodeBox>('g.state')
    .data(layout.nodes, (n) => n.key)
    .join('g')
    .attr('class', (n) => `state${n.key === layout.initial ? ' initial' : ''}`)
    .attr('data-state', (n) => n.key);
  nodes.append('title').text((n) => `${n.key}\n${n.description}`);
  nodes
    .append('rect')
    .attr('x', (n) => n.x)
    .attr('y', (n) => n.y)
    .attr('width', (n) => n.w)
    .attr('height', (n) => n.h)
    .attr('rx', 6);
  const text = nodes
    .append('text')
    .attr('x', (n) => n.x + n.w / 2)
    .attr('text-anchor', 'middle')
    .style('font-size', `${layout.font}px`);
  text
    .selectAll('tspan')
    .data((n) =>
      n.lines.map((line, i) => ({
        line,
        x: n.x + n.w / 2,
        y: n.y + (n.h - n.lines.length * layout.lineHeight) / 2 + layout.lineHeight * (i + 0.78),
      })),
    )
    .join('tspan')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .text((d) => d.line);

  // The event name of the lit transition, on a tag over everything else.
  const tag = root.append('g').attr('class', 'event-tag').attr('visibility', 'hidden');
  tag.append('rect').attr('rx', 4);
  tag.append('text').style('font-size', `${layout.font}px`);
}

function lightChart(svg: SVGSVGElement, active: string | null, taken: Taken | null): void {
  const root = select(svg);
  root
    .selectAll<SVGGElement, NodeBox>('g.state')
    .classed('lit', (n) => n.key === active)
    .classed('was', (n) => taken !== null && taken.from !== taken.to && n.key === taken.from);
  const edges = root.selectAll<SVGGElement, EdgePath>('g.edge');
  edges.classed('lit', (e) => e.id === taken?.edgeId);
  const idOf = (lit: boolean) => `url(#${root.select(lit ? 'marker.lit' : 'marker:not(.lit)').attr('id')})`;
  edges.select('path.line').attr('marker-end', (e) => idOf(e.id === taken?.edgeId));
  const tag = root.select<SVGGElement>('g.event-tag');
  const lit = edges.filter((e) => e.id === taken?.edgeId);
  if (lit.empty() || taken === null) {
    tag.attr('visibility', 'hidden').select('text').text('');
    return;
  }
  lit.raise();
  const e = lit.datum();
  const text = taken.events.join(' or ');
  // Monospace: the tag's size is known without measuring.
  const font = Number.parseFloat(tag.select('text').style('font-size')) || 13;
  const w = text.length * 0.6 * font + 8;
  const h = font * 1.35;
  const width = svg.viewBox.baseVal.width || w;
  const left = e.label.anchor === 'start' ? e.label.x : e.label.x - w / 2;
  const x = Math.min(Math.max(left, 1), Math.max(1, width - w - 1));
  const y = e.label.y - h / 2;
  tag.select('rect').attr('x', x).attr('y', y).attr('width', w).attr('height', h);
  tag
    .select('text')
    .attr('x', x + 4)
    .attr('y', y + h * 0.74)
    .text(text);
  tag.attr('visibility', 'visible').raise();
}
