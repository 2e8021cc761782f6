import { it } from 'vitest';
import { certifyCandidate } from '../../src/certify/certifyCandidate.js';
import { buildCertificate } from '../../src/certificate/build.js';
import { auditCertificate } from '../../src/certificate/audit/index.js';
import { cyclicSaddle } from '../certify/fixtures.js';
import { rotationOrbitCriticalPoint, symmetricSaddleK4 } from '../certify/saddleFixtures.js';
it('quick', () => {
const go=(pt: any,id: string,opts={})=>{ const r=certifyCandidate(pt,opts); const c=buildCertificate({id,d:pt.d,n:pt.n,W:pt.W,source:{file:id,format:'json'}},pt.V,r);
 const a=auditCertificate(c,{ldlMaxOrder:0}); console.log(id, c.kind, JSON.stringify(c.claims), (c.method as any).rho, a.ok, a.failedClaim, JSON.stringify(a.recomputed), r.hint); return c;};
const cy=cyclicSaddle();
go(cy,'cyclic');
go(symmetricSaddleK4(),'k4');
go(rotationOrbitCriticalPoint(),'rot');
go({...cy, W: cy.W.map(r=>r.map(x=>String(Number(x)+0.01)))},'unpol',{polish:false});
go({...cy, W: cy.W.map(r=>r.map(x=>String(Number(x)+0.0001)))},'unpol2',{polish:false});
});
