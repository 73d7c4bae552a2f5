// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: emulated TDX module
 *
 * A software model of the parts of the Intel TDX module a guest driver
 * touches: TDG.MR.REPORT, TDG.MR.RTMR.EXTEND and TDG.MR.VERIFYREPORT.
 *
 * It models rather than mocks: operands are checked for the alignment the
 * real module demands, RTMRs extend as SHA-384(old || digest), the report
 * header carries a MAC (HMAC-SHA-384 under a key drawn at load time, cut to
 * the 32 bytes of REPORTMACSTRUCT.MAC) that only VERIFYREPORT in this boot
 * can check, and the RTMR lock is taken without waiting, so that a REPORT
 * overlapping an EXTEND (or two EXTENDs) fails with OPERAND_BUSY exactly
 * as on hardware. Such collisions are counted, so tests can prove that a
 * driver serialises its calls.
 *
 * Every report says ATTRIBUTES.DEBUG: no honest verifier policy accepts a
 * debuggable TD, so an emulated Quote can never pass for a real one.
 *
 * It is a TDX module 1.0 unless loaded with tdreport_version=1; then it
 * reports as TDX module 1.5 does: REPORTTYPE.version 1, TEE_TCB_SVN2 in
 * TEE_TCB_INFO, and TDINFO.SERVTD_HASH (MRSERVICETD in a TD 1.5 Quote body)
 * from the mrservicetd parameter.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/hash.h>
#include <crypto/utils.h>
#include <linux/align.h>
#include <linux/atomic.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/hex.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include <tdx-guest/tdreport_v1.h>

#include "emu.h"

#define TDX_EMU_MAC_KEY_SIZE	48
#define TDX_EMU_MAC_INPUT_SIZE	offsetof(struct tdx_reportmac, mac)

/* RTMR lock states: >0 is that many REPORTs, -1 is one EXTEND. */
#define TDX_EMU_RTMR_WRITER	(-1)

static char *mrtd;
module_param(mrtd, charp, 0444);
MODULE_PARM_DESC(mrtd, "MRTD as 96 hex digits (default: a fixed test value)");
static char *mrconfigid;
module_param(mrconfigid, charp, 0444);
MODULE_PARM_DESC(mrconfigid, "MRCONFIGID as 96 hex digits (default: zero)");
static char *mrowner;
module_param(mrowner, charp, 0444);
MODULE_PARM_DESC(mrowner, "MROWNER as 96 hex digits (default: zero)");
static char *mrownerconfig;
module_param(mrownerconfig, charp, 0444);
MODULE_PARM_DESC(mrownerconfig, "MROWNERCONFIG as 96 hex digits (default: zero)");
static unsigned int tdreport_version;
module_param(tdreport_version, uint, 0444);
MODULE_PARM_DESC(tdreport_version, "TDREPORT version: 0 (TDX module 1.0, default) or 1 (TDX module 1.5)");
static char *mrservicetd;
module_param(mrservicetd, charp, 0444);
MODULE_PARM_DESC(mrservicetd, "SERVTD_HASH as 96 hex digits, with tdreport_version=1 only (default: zero)");

/**
 * struct tdx_emu_tdx - the state of the emulated TDX module.
 * @sha384: SHA-384 for RTMR extension and the report's hashes.
 * @hmac: HMAC-SHA-384 keyed with this boot's MAC key.
 * @tee_tcb_info: the module's identity, fixed at load.
 * @tdinfo: the TD's measurements; @tdinfo.rtmr changes under @rtmr_lock.
 * @rtmr_lock: the RTMR lock, taken without waiting (see DOC).
 */
struct tdx_emu_tdx {
	struct crypto_shash *sha384;
	struct crypto_shash *hmac;
	struct tdx_tee_tcb_info tee_tcb_info;
	struct tdx_tdinfo tdinfo;
	atomic_t rtmr_lock;
};

static struct tdx_emu_tdx tdx_emu;

static bool tdx_emu_rtmr_trylock_shared(void)
{
	return atomic_inc_unless_negative(&tdx_emu.rtmr_lock);
}

static void tdx_emu_rtmr_unlock_shared(void)
{
	atomic_dec(&tdx_emu.rtmr_lock);
}

static bool tdx_emu_rtmr_trylock_exclusive(void)
{
	return atomic_cmpxchg(&tdx_emu.rtmr_lock, 0, TDX_EMU_RTMR_WRITER) == 0;
}

static void tdx_emu_rtmr_unlock_exclusive(void)
{
	atomic_set_release(&tdx_emu.rtmr_lock, 0);
}

static int tdx_emu_busy(void)
{
	atomic64_inc(&tdx_emu_counters.busy_overlaps);
	return -EBUSY;
}

static int tdx_emu_sha384(const void *data, size_t len, u8 *out)
{
	return crypto_shash_tfm_digest(tdx_emu.sha384, data, len, out);
}

static int tdx_emu_mac(const struct tdx_reportmac *mac, u8 *out)
{
	u8 full[TDX_MEASUREMENT_SIZE];
	int rc;

	rc = crypto_shash_tfm_digest(tdx_emu.hmac, (const u8 *)mac,
				     TDX_EMU_MAC_INPUT_SIZE, full);
	if (!rc)
		memcpy(out, full, sizeof(mac->mac));
	memzero_explicit(full, sizeof(full));
	return rc;
}

static void tdx_emu_fill_reportmac(struct tdx_reportmac *mac,
				   const u8 *reportdata)
{
	static const u8 cpusvn[16] = { 0x05, 0x05, 0x02, 0x02, 0xff, 0x03 };

	memset(mac, 0, sizeof(*mac));
	mac->type = TDX_REPORT_TYPE_TDX;
	mac->version = tdreport_version;
	memcpy(mac->cpusvn, cpusvn, sizeof(cpusvn));
	memcpy(mac->reportdata, reportdata, TDX_REPORTDATA_SIZE);
}

static int tdx_emu_build_report(const u8 *reportdata,
				struct tdx_tdreport *report)
{
	struct tdx_reportmac *mac = &report->mac;
	int rc;

	memset(report, 0, sizeof(*report));
	tdx_emu_fill_reportmac(mac, reportdata);
	report->tee_tcb_info = tdx_emu.tee_tcb_info;
	report->tdinfo = tdx_emu.tdinfo;

	rc = tdx_emu_sha384(&report->tee_tcb_info,
			    sizeof(report->tee_tcb_info),
			    mac->tee_tcb_info_hash);
	if (!rc)
		rc = tdx_emu_sha384(&report->tdinfo, sizeof(report->tdinfo),
				    mac->tee_info_hash);
	if (!rc)
		rc = tdx_emu_mac(mac, mac->mac);
	return rc ? -EIO : 0;
}

/**
 * tdx_emu_get_report0() - emulated TDG.MR.REPORT, subtype 0.
 * @reportdata: 64 bytes, 64-byte aligned.
 * @tdreport: 1024 bytes, 1024-byte aligned, written on success.
 *
 * Return: 0; -EINVAL for a misaligned operand; -EBUSY when the RTMR lock is
 * held by an EXTEND (or a busy answer was injected); -EIO if hashing failed.
 */
int tdx_emu_get_report0(const u8 *reportdata, u8 *tdreport)
{
	int rc;

	if (!IS_ALIGNED((unsigned long)reportdata, TDX_REPORTDATA_ALIGN) ||
	    !IS_ALIGNED((unsigned long)tdreport, TDX_TDREPORT_ALIGN))
		return -EINVAL;

	if (tdx_emu_fault_take(&tdx_emu_faults.report_busy))
		return -EBUSY;

	if (!tdx_emu_rtmr_trylock_shared())
		return tdx_emu_busy();
	rc = tdx_emu_build_report(reportdata, (struct tdx_tdreport *)tdreport);
	tdx_emu_rtmr_unlock_shared();
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_get_report0);

static int tdx_emu_extend_locked(u8 *rtmr, const u8 *digest)
{
	SHASH_DESC_ON_STACK(desc, tdx_emu.sha384);
	int rc;

	desc->tfm = tdx_emu.sha384;
	rc = crypto_shash_init(desc);
	if (!rc)
		rc = crypto_shash_update(desc, rtmr, TDX_MEASUREMENT_SIZE);
	if (!rc)
		rc = crypto_shash_update(desc, digest, TDX_MEASUREMENT_SIZE);
	if (!rc)
		rc = crypto_shash_final(desc, rtmr);
	shash_desc_zero(desc);
	return rc ? -EIO : 0;
}

/**
 * tdx_emu_extend_rtmr() - emulated TDG.MR.RTMR.EXTEND.
 * @index: RTMR 0..3.
 * @digest: 64-byte aligned buffer whose first 48 bytes are extended in.
 *
 * Return: 0; -EINVAL for a bad index or misaligned buffer; -EBUSY when the
 * RTMR lock is held by a REPORT or another EXTEND; -EIO if hashing failed.
 */
int tdx_emu_extend_rtmr(unsigned int index, const u8 *digest)
{
	int rc;

	if (index >= TDX_RTMR_COUNT ||
	    !IS_ALIGNED((unsigned long)digest, TDX_EXTEND_ALIGN))
		return -EINVAL;

	if (!tdx_emu_rtmr_trylock_exclusive())
		return tdx_emu_busy();
	rc = tdx_emu_extend_locked(tdx_emu.tdinfo.rtmr[index], digest);
	tdx_emu_rtmr_unlock_exclusive();
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_extend_rtmr);

/**
 * tdx_emu_verify_report() - emulated TDG.MR.VERIFYREPORT.
 * @mac: a REPORTMACSTRUCT produced in this boot.
 *
 * Return: 0 when the MAC matches, -EINVAL when it does not, -EIO if
 * hashing failed.
 */
int tdx_emu_verify_report(const struct tdx_reportmac *mac)
{
	u8 expect[sizeof(mac->mac)];

	if (tdx_emu_mac(mac, expect))
		return -EIO;
	return crypto_memneq(expect, mac->mac, sizeof(expect)) ? -EINVAL : 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_verify_report);

/**
 * tdx_emu_busy_overlaps() - how often RTMR lock contention answered BUSY.
 *
 * Return: the count since load; injected busy answers are not included.
 */
u64 tdx_emu_busy_overlaps(void)
{
	return atomic64_read(&tdx_emu_counters.busy_overlaps);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_busy_overlaps);

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * tdx_emu_test_hold_rtmr_lock() - hold the RTMR lock as a TDX module call
 *	in flight would, so tests can overlap a call with it deterministically.
 * @as_extend: hold it exclusively (an EXTEND) instead of shared (a REPORT).
 *
 * Return: true if the lock was free and is now held.
 */
bool tdx_emu_test_hold_rtmr_lock(bool as_extend)
{
	return as_extend ? tdx_emu_rtmr_trylock_exclusive() :
			   tdx_emu_rtmr_trylock_shared();
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_test_hold_rtmr_lock);

/**
 * tdx_emu_test_release_rtmr_lock() - release tdx_emu_test_hold_rtmr_lock().
 * @as_extend: as passed when taking it.
 */
void tdx_emu_test_release_rtmr_lock(bool as_extend)
{
	if (as_extend)
		tdx_emu_rtmr_unlock_exclusive();
	else
		tdx_emu_rtmr_unlock_shared();
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_test_release_rtmr_lock);
#endif

static int tdx_emu_parse_mr(const char *name, const char *hex, u8 *mr)
{
	if (!hex)
		return 0;
	if (strlen(hex) != 2 * TDX_MEASUREMENT_SIZE ||
	    hex2bin(mr, hex, TDX_MEASUREMENT_SIZE)) {
		pr_err("%s must be exactly %d hex digits\n", name,
		       2 * TDX_MEASUREMENT_SIZE);
		return -EINVAL;
	}
	return 0;
}

/* What TDX module 1.5 adds to a report, when tdreport_version asks for it. */
static int tdx_emu_init_module_version(void)
{
	static const u8 tee_tcb_svn2[16] = { 0x05, 0x01, 0x03 };
	struct tdx_tee_tcb_info_v1 *tcb = (void *)&tdx_emu.tee_tcb_info;

	if (tdreport_version > TDX_REPORT_VERSION_1) {
		pr_err("tdreport_version must be 0 or %d\n",
		       TDX_REPORT_VERSION_1);
		return -EINVAL;
	}
	if (tdreport_version != TDX_REPORT_VERSION_1) {
		if (mrservicetd) {
			pr_err("mrservicetd needs tdreport_version=%d\n",
			       TDX_REPORT_VERSION_1);
			return -EINVAL;
		}
		return 0;
	}
	memcpy(tcb->tee_tcb_svn2, tee_tcb_svn2, sizeof(tee_tcb_svn2));
	return tdx_emu_parse_mr("mrservicetd", mrservicetd,
				tdx_emu.tdinfo.servtd_hash);
}

static int tdx_emu_init_identity(void)
{
	static const char mrtd_seed[] = "tdx_guest_emu: emulated TD image";
	static const char mrseam_seed[] = "tdx_guest_emu: emulated TDX module";
	struct tdx_tee_tcb_info *tcb = &tdx_emu.tee_tcb_info;
	struct tdx_tdinfo *td = &tdx_emu.tdinfo;
	static const u8 tee_tcb_svn[16] = { 0x05, 0x01, 0x02 };
	int rc;

	memset(tcb->valid, 0xff, 4);
	memcpy(tcb->tee_tcb_svn, tee_tcb_svn, sizeof(tee_tcb_svn));
	rc = tdx_emu_sha384(mrseam_seed, strlen(mrseam_seed), tcb->mrseam);
	if (rc)
		return rc;

	put_unaligned_le64(TDX_TDINFO_ATTR_DEBUG, td->attributes);
	/* x87, SSE, AVX, AVX-512 state and PKRU: a common production XFAM. */
	put_unaligned_le64(0x02e7, td->xfam);
	rc = tdx_emu_sha384(mrtd_seed, strlen(mrtd_seed), td->mrtd);
	if (rc)
		return rc;

	rc = tdx_emu_parse_mr("mrtd", mrtd, td->mrtd);
	if (!rc)
		rc = tdx_emu_parse_mr("mrconfigid", mrconfigid, td->mrconfigid);
	if (!rc)
		rc = tdx_emu_parse_mr("mrowner", mrowner, td->mrowner);
	if (!rc)
		rc = tdx_emu_parse_mr("mrownerconfig", mrownerconfig,
				      td->mrownerconfig);
	return rc ? rc : tdx_emu_init_module_version();
}

static int tdx_emu_init_crypto(void)
{
	u8 key[TDX_EMU_MAC_KEY_SIZE];
	int rc;

	tdx_emu.sha384 = crypto_alloc_shash("sha384", 0, 0);
	if (IS_ERR(tdx_emu.sha384))
		return PTR_ERR(tdx_emu.sha384);

	tdx_emu.hmac = crypto_alloc_shash("hmac(sha384)", 0, 0);
	if (IS_ERR(tdx_emu.hmac)) {
		rc = PTR_ERR(tdx_emu.hmac);
		crypto_free_shash(tdx_emu.sha384);
		return rc;
	}

	get_random_bytes(key, sizeof(key));
	rc = crypto_shash_setkey(tdx_emu.hmac, key, sizeof(key));
	memzero_explicit(key, sizeof(key));
	if (rc)
		tdx_emu_tdx_exit();
	return rc;
}

/**
 * tdx_emu_tdx_init() - power on the emulated TDX module.
 *
 * Draws this boot's MAC key and sets the TD's identity from the module
 * parameters. RTMRs start at zero.
 *
 * Return: 0, -EINVAL for a malformed or inconsistent parameter, or a crypto
 * API error.
 */
int tdx_emu_tdx_init(void)
{
	int rc = tdx_emu_init_crypto();

	if (rc)
		return rc;
	rc = tdx_emu_init_identity();
	if (rc)
		tdx_emu_tdx_exit();
	return rc;
}

/**
 * tdx_emu_tdx_exit() - power off the emulated TDX module.
 */
void tdx_emu_tdx_exit(void)
{
	crypto_free_shash(tdx_emu.hmac);
	crypto_free_shash(tdx_emu.sha384);
	memset(&tdx_emu, 0, sizeof(tdx_emu));
}
