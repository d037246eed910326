// Cross-check of onchain/eas against the EAS SDK, run by sdk_test.go:
//   node check.cjs SDK_DIR INPUT.json > OUTPUT.json
// CommonJS on purpose: the SDK's ESM build fails under Node 20.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const sdkDir = process.argv[2];
const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const req = createRequire(path.join(sdkDir, 'package.json'));
const sdk = req('@ethereum-attestation-service/eas-sdk');
const { ethers } = req('ethers');
const { Offchain, OffchainAttestationVersion, SchemaEncoder, SchemaRegistry } = sdk;
const { zipAndEncodeToBase64, decodeBase64ZippedBase64, createOffchainURL } = sdk;

const stringify = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
const offchainFor = (d) =>
  new Offchain({ address: d.address, version: d.version, chainId: BigInt(d.chainId) }, OffchainAttestationVersion.Version2, null);

function verify(domain, pkg) {
  try {
    return { ok: offchainFor(domain).verifyOffchainAttestationSignature(pkg.signer, pkg.sig) === true };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e) };
  }
}

(async () => {
  const out = {
    sdkVersion: JSON.parse(
      fs.readFileSync(path.join(sdkDir, 'node_modules', '@ethereum-attestation-service', 'eas-sdk', 'package.json'), 'utf8'),
    ).version,
    ethersVersion: ethers.version,
    verify: [],
    urls: [],
  };

  // (a) packages Go produced, verified by the SDK as a dApp would.
  for (const c of input.verify) {
    out.verify.push({ name: c.name, ...verify(c.domain, c.package) });
  }
  // Go's URL fragments, decoded and verified by the SDK.
  for (const c of input.urls) {
    const pkg = decodeBase64ZippedBase64(c.fragment);
    out.urls.push({ name: c.name, package: JSON.parse(stringify(pkg)), ...verify(c.domain, pkg) });
  }

  // (b) an attestation signed by the SDK with a fixed key.
  const s = input.sign;
  const wallet = new ethers.Wallet(s.privateKey);
  const encoder = new SchemaEncoder(input.schema);
  const data = encoder.encodeData([
    { name: 'kycLevel', value: s.claims.level, type: 'uint8' },
    { name: 'country', value: s.claims.country, type: 'bytes2' },
    { name: 'over18', value: s.claims.over18, type: 'bool' },
    { name: 'walletRisk', value: s.claims.walletRisk, type: 'uint8' },
  ]);
  const params = {
    schema: s.message.schema,
    recipient: s.message.recipient,
    time: BigInt(s.message.time),
    expirationTime: BigInt(s.message.expirationTime),
    revocable: s.message.revocable,
    refUID: s.message.refUID,
    data,
    salt: s.message.salt,
  };
  const offchain = offchainFor(s.domain);
  const sig = await offchain.signOffchainAttestation(params, wallet);
  const pkg = { sig, signer: wallet.address };
  out.signed = stringify(pkg);
  out.signedFragment = zipAndEncodeToBase64(pkg);
  out.signedURL = createOffchainURL(pkg);

  // Known answers computed by ethers and the SDK.
  const types = offchain.signingType.types;
  const domain = offchain.getDomainTypedData();
  const message = { version: 2, ...params };
  out.kycData = data;
  out.schemaUID = SchemaRegistry.getSchemaUID(input.schema, ethers.ZeroAddress, true);
  out.typeHash = ethers.id(ethers.TypedDataEncoder.from(types).encodeType('Attest'));
  // Not offchain.getDomainSeparator(): in SDK 2.10.0 Offchain overrides it
  // without the EIP712Domain type hash, and nothing signs or verifies with it.
  out.domainHash = ethers.TypedDataEncoder.hashDomain(domain);
  out.structHash = ethers.TypedDataEncoder.from(types).hashStruct('Attest', message);
  out.digest = ethers.TypedDataEncoder.hash(domain, types, message);
  out.uid = offchain.getOffchainUID(message);

  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
