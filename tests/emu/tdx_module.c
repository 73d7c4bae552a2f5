// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: emulated TDX module
 *
 * A software model of the parts of the Intel TDX module a guest driver
 * touches: TDG.MR.REPORT, TDG.MR.RTMR.EXTEND and TDG.MR.VERIFYREPORT.
 *
 * It models rather than mocks: operands are checked for the alignment the
 * real module demands, and must lie in the direct map (a guest passes the
 * TDX module physical addresses; virt_to_phys() of a vmalloc or vmapped
 * stack address names some other page, which hardware would read or
 * overwrite), RTMRs extend as SHA-384(old || digest), the report
 * header carries a MAC (HMAC-SHA-384 under a key drawn at load time, cut to
 * the 32 bytes of REPORTMACSTRUCT.MAC) that only VERIFYREPORT in this boot
 * can check, and the RTMR lock is taken without waiting, so that a REPORT
 * overlapping an EXTEND (or two EXTENDs) fails with OPERAND_BUSY exactly
 * as on hardware. Such collisions are counted, so tests can prove that a
 * driver serialises its calls.
 *
 * Each call computes the TDX module's 64-bit completion status, as
 * hardware returns it, and turns it into an errno through the same table
 * (<tdx-guest/tdx_status.h>) the hardware backend uses.
 *
 * Every report says ATTRIBUTES.DEBUG: no honest verifier policy accepts a
 * debuggable TD, so an emulated Quote can never pass for a real one.
 *
 * RTMRs start where a real TD's firmware leaves them when the machine has
 * an ACPI CCEL table (the VM harness gives it a real TD's): its events are
 * replayed into them at load, as that firmware extended them.
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
#include <linux/cleanup.h>
#include <linux/crypto.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/hex.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include <tdx-guest/ccel.h>
#include <tdx-guest/tdreport_v1.h>
#include <tdx-guest/tdx_status.h>

#include "emu.h"

#define TDX_EMU_MAC_KEY_SIZE	48
#define TDX_EMU_MAC_INPUT_SIZE	offsetof(struct tdx_reportmac, mac)

/*
 * A status of the "other error" kind, for what only the emulator can get
 * wrong (a crypto API failure): class 0xc0000000, which the table maps to
 * -EIO like every class it does not name.
 */
#define TDX_EMU_CLASS_INTERNAL	0xc0000000U

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

/*
 * A TDX module that takes a while: tdcall_delay_ms holds the RTMR lock
 * that long in every REPORT and EXTEND, uninterruptibly, as a TDCALL
 * cannot be interrupted either.
 */
static void tdx_emu_tdcall_delay(void)
{
	unsigned int ms = atomic_read(&tdx_emu_faults.tdcall_delay_ms);

	if (ms)
		msleep(ms);
}

/* OPERAND_BUSY for the RTMR lock; the detail bits are not modelled. */
#define TDX_EMU_STATUS_BUSY	TDX_STATUS(TDX_CLASS_OPERAND_BUSY, 0)

static u64 tdx_emu_busy(void)
{
	atomic64_inc(&tdx_emu_counters.busy_overlaps);
	return TDX_EMU_STATUS_BUSY;
}

/*
 * Would the TDX module read or write the @len bytes at @p as the caller
 * meant? Only if they are @align-aligned and in the direct map, where
 * virt_to_phys() is right. Anything else is refused as an invalid operand
 * (@operand), and said so once in a while: it is a driver bug.
 */
static u64 tdx_emu_check_operand(const void *p, size_t len, size_t align,
				 u32 operand)
{
	if (!IS_ALIGNED((unsigned long)p, align))
		return TDX_STATUS(TDX_CLASS_OPERAND_INVALID, operand);
	if (!virt_addr_valid(p) || !virt_addr_valid(p + len - 1)) {
		pr_warn_ratelimited("operand %u at %p is outside the direct map: refused\n",
				    operand, p);
		return TDX_STATUS(TDX_CLASS_OPERAND_INVALID, operand);
	}
	return 0;
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

static u64 tdx_emu_mr_report(const u8 *reportdata, u8 *tdreport)
{
	u64 status;

	atomic64_inc(&tdx_emu_counters.report_calls);
	status = tdx_emu_check_operand(tdreport, TDX_TDREPORT_SIZE,
				       TDX_TDREPORT_ALIGN, TDX_STATUS_OPERAND_RCX);
	if (!status)
		status = tdx_emu_check_operand(reportdata, TDX_REPORTDATA_SIZE,
					       TDX_REPORTDATA_ALIGN,
					       TDX_STATUS_OPERAND_RDX);
	if (status)
		return status;

	if (tdx_emu_fault_take(&tdx_emu_faults.report_busy))
		return TDX_EMU_STATUS_BUSY;

	if (!tdx_emu_rtmr_trylock_shared())
		return tdx_emu_busy();
	tdx_emu_tdcall_delay();
	/* Hashing cannot fail the way a TDX module can; say "other error". */
	if (tdx_emu_build_report(reportdata, (struct tdx_tdreport *)tdreport))
		status = TDX_STATUS(TDX_EMU_CLASS_INTERNAL, 0);
	tdx_emu_rtmr_unlock_shared();
	return status;
}

/**
 * tdx_emu_get_report0() - emulated TDG.MR.REPORT, subtype 0.
 * @reportdata: 64 bytes, 64-byte aligned, in the direct map.
 * @tdreport: 1024 bytes, 1024-byte aligned, in the direct map; written on
 *	success.
 *
 * Every call is counted in report_calls.
 *
 * Return: tdx_status_to_errno() of the status: 0; -ENXIO for a misaligned
 * operand or one outside the direct map; -EBUSY when the RTMR lock is held
 * by an EXTEND (or a busy answer was injected); -EIO if hashing failed.
 */
int tdx_emu_get_report0(const u8 *reportdata, u8 *tdreport)
{
	return tdx_status_to_errno(tdx_emu_mr_report(reportdata, tdreport));
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

static u64 tdx_emu_mr_rtmr_extend(unsigned int index, const u8 *digest)
{
	u64 status;

	status = tdx_emu_check_operand(digest, TDX_MEASUREMENT_SIZE,
				       TDX_EXTEND_ALIGN, TDX_STATUS_OPERAND_RCX);
	if (status)
		return status;
	if (index >= TDX_RTMR_COUNT)
		return TDX_STATUS(TDX_CLASS_OPERAND_INVALID, TDX_STATUS_OPERAND_RDX);

	if (!tdx_emu_rtmr_trylock_exclusive())
		return tdx_emu_busy();
	tdx_emu_tdcall_delay();
	if (tdx_emu_extend_locked(tdx_emu.tdinfo.rtmr[index], digest))
		status = TDX_STATUS(TDX_EMU_CLASS_INTERNAL, 0);
	tdx_emu_rtmr_unlock_exclusive();
	return status;
}

/**
 * tdx_emu_extend_rtmr() - emulated TDG.MR.RTMR.EXTEND.
 * @index: RTMR 0..3.
 * @digest: 64-byte aligned buffer in the direct map whose first 48 bytes
 *	are extended in.
 *
 * Return: tdx_status_to_errno() of the status: 0; -ENXIO for a bad index,
 * a misaligned buffer or one outside the direct map; -EBUSY when the RTMR
 * lock is held by a REPORT or another EXTEND; -EIO if hashing failed.
 */
int tdx_emu_extend_rtmr(unsigned int index, const u8 *digest)
{
	return tdx_status_to_errno(tdx_emu_mr_rtmr_extend(index, digest));
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

/**
 * tdx_emu_report_calls() - how many TDG.MR.REPORT calls were answered.
 *
 * Return: the count since load, failed calls included.
 */
u64 tdx_emu_report_calls(void)
{
	return atomic64_read(&tdx_emu_counters.report_calls);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_report_calls);

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

/*
 * The firmware ran before the TD's kernel: where the machine has a CCEL
 * (the VM harness puts a real TD's there), RTMR0-3 start where its events
 * leave them, as on a TD whose firmware wrote that log. Events for MRTD
 * (index 0) belong to the TD's build, not to the RTMRs.
 */
static int tdx_emu_firmware_extend(void *events, unsigned int rtmr,
				   const u8 *sha384)
{
	(*(unsigned int *)events)++;
	return tdx_emu_extend_locked(tdx_emu.tdinfo.rtmr[rtmr], sha384);
}

static int tdx_emu_init_rtmrs(void)
{
	unsigned int events = 0;
	size_t len = 0;
	int rc;

	u8 *log __free(kvfree) = tdx_ccel_read(&len);
	if (!log)
		return 0;
	if (IS_ERR(log))
		return PTR_ERR(no_free_ptr(log));
	rc = tdx_tcg_replay(log, len, tdx_emu_firmware_extend, &events);
	if (rc)
		return rc;
	pr_info("RTMRs start where the firmware's event log (CCEL) leaves them: %u events\n",
		events);
	return 0;
}

/**
 * tdx_emu_tdx_init() - power on the emulated TDX module.
 *
 * Draws this boot's MAC key and sets the TD's identity from the module
 * parameters. RTMRs start at zero, or where the firmware's event log (the
 * ACPI CCEL), when the machine has one, says the firmware left them.
 *
 * Return: 0, -EINVAL for a malformed or inconsistent parameter or a CCEL
 * that cannot be replayed, -ENOMEM, or a crypto API error.
 */
int tdx_emu_tdx_init(void)
{
	int rc = tdx_emu_init_crypto();

	if (rc)
		return rc;
	rc = tdx_emu_init_identity();
	if (!rc)
		rc = tdx_emu_init_rtmrs();
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
