/**
 * Colour-blind-safe colours with a second channel: Okabe–Ito for categories (each paired with a
 * symbol shape) and a sequential scale (cividis-like: dark blue → yellow, readable for every common
 * colour-vision deficiency) for relative standing.
 *
 * @example
 * categoryColour(2) // '#009E73'   symbolPath(2, 64) // d3 symbol path (triangle)
 */
import { interpolateRgbBasis } from 'd3-interpolate';
import { scaleSequential } from 'd3-scale';
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye } from 'd3-shape';

export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#7a7a7a'];
const SHAPES = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar, symbolWye];

export const categoryColour = (i: number) => OKABE_ITO[((i % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length];
/** A symbol path of the given area centred at 0,0; the shape repeats every 7 categories. */
export const symbolPath = (i: number, size = 64) => symbol(SHAPES[((i % SHAPES.length) + SHAPES.length) % SHAPES.length], size)() ?? '';

const CIVIDIS = ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8779', '#a69d75', '#c4b56c', '#e4cf5b', '#fee838'];
/** Sequential colour for a value in [0, 1] (relative standing); light text is needed below 0.55. */
export const standingColour = scaleSequential(interpolateRgbBasis(CIVIDIS)).domain([0, 1]);
export const textOn = (t: number) => (t < 0.55 ? '#ffffff' : '#1b1f24');
export const MISSING_FILL = 'url(#missing-hatch)';
