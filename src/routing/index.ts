// Front-yard routing (フロントヤード改革: 行かない・書かない・待たない): recognises procedure inquiries and picks
// the channels a municipality really offers, from knowledge/routes.yaml.
export { detectProcedure, isProcedureInquiry, type ProcedureInquiry } from './detect.js';
export { CHANNEL_ORDER, decideRoute, type RoutedChannel, type RouteResult } from './route.js';
