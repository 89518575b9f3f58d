/** The published SDL files of `schemas/`, read from disk: nothing here knows composition or resolvers. */
export { domainSubgraphNames, type DomainSubgraphName } from './domainSubgraphNames.ts';
export { readBffSdl, readDomainSubgraphSdl, schemasDir } from './readSdl.ts';
