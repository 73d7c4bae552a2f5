// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: GetQuote completion by interrupt
 *
 * A VMM that offers SetupEventNotifyInterrupt injects a vector of the
 * guest's choosing into the vCPU that registered it whenever a GetQuote
 * completes. Waiting for that interrupt instead of polling costs one
 * wake-up per Quote, whatever the service time.
 *
 * A TD has one such registration, so one transport instance owns it: the
 * first made on a platform that can notify (the provider's, at load).
 * Later instances (the KUnit suites make their own) poll, and leave the
 * owner's vector, CPU hotplug state and registration alone.
 *
 * The vector is a real one, owned through the x86 vector domain: a Linux
 * IRQ pinned to one CPU, with an ordinary handler that only wakes the
 * waiters. The CPU is a housekeeping one: isolcpus= and nohz_full= CPUs
 * are left alone, as the kernel does with its own managed interrupts. The
 * VMM knows nothing of Linux's bookkeeping, so the IRQ must never move
 * behind its back: it is excluded from IRQ balancing and from user
 * affinity changes, and when its CPU goes offline it is moved to another
 * one here and registered again from there. Between the move and the new
 * registration the VMM may still send the old vector to the old CPU; that
 * interrupt is lost, which the waiters' safety look covers.
 *
 * A host that accepts the registration but does not deliver (it stopped
 * offering the feature, or sends the vector elsewhere) would make every
 * Quote wait for the safety look. Each completion found by a safety look
 * with no interrupt since the request was made counts as a lost interrupt;
 * TDX_QUOTE_NOTIFY_MAX_LOST of them in a row and the transport polls from
 * then on, which it says in the log and in quote_completion.
 *
 * The GHCI has no way to take a registration back: once told a vector,
 * the host injects it for every GetQuote it completes from then on, ours
 * (a quarantined request) or anyone's (the in-tree driver, loaded next).
 * So at unload the IRQ is freed but its vector stays reserved for the dead
 * IRQ, never handed to another driver: the kernel acknowledges it and
 * nothing runs. That costs a vector per load that registered one. (If the
 * vector's CPU goes offline and comes back, the kernel forgets the vector
 * belongs to the dead IRQ and logs each later injection as having no
 * handler, but still gives the vector to nobody else.)
 *
 * Anything that fails leaves the interrupt unused and the transport
 * polling; the reason is kept for the log and for user space.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/moduleparam.h>
#include <linux/sched/isolation.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/topology.h>
#include <kunit/visibility.h>

#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/irqdomain.h>

#include <tdx-guest/irq_compat.h>

#include "tdx_guest.h"

/* Completions in a row found without their interrupt before polling. */
#define TDX_QUOTE_NOTIFY_MAX_LOST	2

struct tdx_notify_call {
	const struct tdx_platform_ops *ops;
	unsigned int vector;
	u64 ret;
};

/* Runs on the CPU that is to receive the vector, as the GHCI requires. */
static void tdx_quote_notify_call(void *arg)
{
	struct tdx_notify_call *call = arg;

	call->ret = call->ops->setup_notify(call->vector);
}

static void tdx_quote_notify_disable(struct tdx_quote_notify *qn,
				     const char *why)
{
	WRITE_ONCE(qn->active, false);
	strscpy(qn->why, why, sizeof(qn->why));
}

/*
 * A CPU the interrupt may live on: online, and neither isolated from the
 * scheduler or from managed interrupts (isolcpus=) nor tickless
 * (nohz_full=).
 */
static bool tdx_quote_notify_cpu_ok(unsigned int cpu)
{
	return cpu_online(cpu) &&
	       housekeeping_test_cpu(cpu, HK_TYPE_DOMAIN) &&
	       housekeeping_test_cpu(cpu, HK_TYPE_MANAGED_IRQ) &&
	       housekeeping_test_cpu(cpu, HK_TYPE_TICK);
}

/*
 * Where to put the interrupt, never on @except: the last housekeeping CPU
 * (keeping it off CPU 0's crowded vectors), or any online one when every
 * CPU is isolated. nr_cpu_ids when there is none.
 */
static unsigned int tdx_quote_notify_pick_cpu(unsigned int except)
{
	unsigned int cpu, any = nr_cpu_ids, best = nr_cpu_ids;

	for_each_online_cpu(cpu) {
		if (cpu == except)
			continue;
		any = cpu;
		if (tdx_quote_notify_cpu_ok(cpu))
			best = cpu;
	}
	return best < nr_cpu_ids ? best : any;
}

/*
 * Put the IRQ on @cpu and tell the VMM where it now is. Called with
 * qn->lock held and CPU hotplug excluded (or from a hotplug callback).
 */
static int tdx_quote_notify_place(struct tdx_quote_notify *qn,
				  unsigned int cpu)
{
	struct irq_data *d = irq_get_irq_data(qn->irq);
	struct tdx_notify_call call = { .ops = qn->ops };
	int rc;

	rc = irq_set_affinity(qn->irq, cpumask_of(cpu));
	if (rc)
		return rc;
	/* The move is immediate (see tdx_irq_allow_process_context_move()). */
	if (!cpumask_equal(irq_data_get_effective_affinity_mask(d),
			   cpumask_of(cpu)))
		return -EAGAIN;

	call.vector = irqd_cfg(d)->vector;
	rc = smp_call_function_single(cpu, tdx_quote_notify_call, &call, 1);
	if (rc)
		return rc;
	if (call.ret != TDX_VMCALL_SUCCESS)
		return call.ret == TDX_VMCALL_SUBFUNC_UNSUPPORTED ? -EOPNOTSUPP :
								     -EIO;
	qn->cpu = cpu;
	qn->vector = call.vector;
	qn->lost = 0;
	WRITE_ONCE(qn->active, true);
	return 0;
}

/*
 * Finish moving the IRQ to its new vector at once: the kernel completes a
 * move when the new vector first arrives, and a move still open when the
 * old CPU dies is forced, with a warning. One interrupt of our own does
 * it; the waiters it wakes find nothing new and sleep again.
 */
static void tdx_quote_notify_complete_move(struct tdx_quote_notify *qn)
{
	__apic_send_IPI_mask(cpumask_of(qn->cpu), qn->vector);
}

/* The IRQ's CPU is going away: follow it to another before it does. */
static int tdx_quote_notify_cpu_down(unsigned int cpu, struct hlist_node *node)
{
	struct tdx_quote_notify *qn = hlist_entry(node, struct tdx_quote_notify,
						  cpuhp_node);
	unsigned int target;
	int rc;

	guard(mutex)(&qn->lock);
	if (!qn->irq || qn->cpu != cpu || !qn->active)
		return 0;

	WRITE_ONCE(qn->active, false);
	target = tdx_quote_notify_pick_cpu(cpu);
	rc = target < nr_cpu_ids ? tdx_quote_notify_place(qn, target) : -ENODEV;
	if (rc) {
		tdx_quote_notify_disable(qn, "cannot follow its CPU offline");
		pr_warn("GetQuote interrupt lost with CPU %u (%d): polling\n",
			cpu, rc);
		return 0;	/* never refuse a CPU offline for this */
	}
	tdx_quote_notify_complete_move(qn);
	pr_info("GetQuote interrupt moved to vector %u on CPU %u\n",
		qn->vector, qn->cpu);
	return 0;
}

static irqreturn_t tdx_quote_notify_irq(int irq, void *data)
{
	struct tdx_quote_notify *qn = data;

	atomic_inc(&qn->irqs);
	wake_up_all(&qn->wq);
	return IRQ_HANDLED;
}

static int tdx_quote_notify_alloc_irq(struct tdx_quote_notify *qn,
				      unsigned int cpu)
{
	struct irq_alloc_info info;
	int irq, rc;

	/* init_irq_alloc_info() is not exported; this is all it does. */
	memset(&info, 0, sizeof(info));
	info.mask = cpumask_of(cpu);
	irq = irq_domain_alloc_irqs(x86_vector_domain, 1, cpu_to_node(cpu),
				    &info);
	if (irq <= 0)
		return irq ?: -ENOSPC;

	irq_set_handler(irq, handle_edge_irq);
	tdx_irq_allow_process_context_move(irq);
	rc = request_irq(irq, tdx_quote_notify_irq, IRQF_NOBALANCING,
			 "tdx_guest_quote", qn);
	if (rc) {
		irq_dispose_mapping(irq);
		return rc;
	}
	qn->irq = irq;
	return 0;
}

/* Free an IRQ the host was never told about, vector and all. */
static void tdx_quote_notify_free_irq(struct tdx_quote_notify *qn)
{
	free_irq(qn->irq, qn);
	irq_dispose_mapping(qn->irq);
	qn->irq = 0;
}

/*
 * Free the IRQ the host was told about (see the DOC above): a fixed
 * vector-domain IRQ keeps its vector until its mapping is disposed of,
 * which it never is, and with no handler the kernel just acknowledges
 * the host's interrupts.
 */
static void tdx_quote_notify_retire_irq(struct tdx_quote_notify *qn)
{
	free_irq(qn->irq, qn);
	pr_info("GetQuote interrupt retired: vector %u stays reserved on CPU %u, which the host may still inject\n",
		qn->vector, qn->cpu);
	qn->irq = 0;
}

/*
 * The one instance that owns the TD's notification, and the CPU hotplug
 * state it set up. The lock also keeps a reader of the parameter from
 * racing module unload.
 */
static struct tdx_quote_notify *tdx_quote_notify_owner;
static enum cpuhp_state tdx_quote_notify_cpuhp;
static DEFINE_MUTEX(tdx_quote_notify_owner_lock);

static int quote_completion_get(char *buf, const struct kernel_param *kp)
{
	guard(mutex)(&tdx_quote_notify_owner_lock);
	if (!tdx_quote_notify_owner)
		return sysfs_emit(buf, "poll: no platform loaded\n");
	return tdx_quote_notify_describe(tdx_quote_notify_owner, buf,
					 PAGE_SIZE);
}

static const struct kernel_param_ops quote_completion_ops = {
	.get = quote_completion_get,
};
module_param_cb(quote_completion, &quote_completion_ops, NULL, 0444);
MODULE_PARM_DESC(quote_completion,
		 "How GetQuote completion is found now: \"interrupt vector V cpu C\" or \"poll: <why>\"");

/* Own a vector on one CPU and tell the host; hotplug is held off. */
static int tdx_quote_notify_claim(struct tdx_quote_notify *qn)
{
	unsigned int cpu = tdx_quote_notify_pick_cpu(nr_cpu_ids);
	int rc;

	guard(mutex)(&qn->lock);
	rc = tdx_quote_notify_alloc_irq(qn, cpu);
	if (rc) {
		tdx_quote_notify_disable(qn, "no interrupt vector");
		return rc;
	}
	rc = tdx_quote_notify_place(qn, cpu);
	if (rc) {
		tdx_quote_notify_free_irq(qn);
		tdx_quote_notify_disable(qn, rc == -EOPNOTSUPP ?
					 "the host refused the vector" :
					 "registering the vector failed");
	}
	return rc;
}

/* Called with tdx_quote_notify_owner_lock held, by the owner only. */
static int tdx_quote_notify_start(struct tdx_quote_notify *qn)
{
	int rc;

	if (!qn->ops->setup_notify || !qn->ops->notify_offered()) {
		tdx_quote_notify_disable(qn, "the host does not offer it");
		return -EOPNOTSUPP;
	}

	rc = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN,
				     "virt/tdx_guest/quote_notify:online",
				     NULL, tdx_quote_notify_cpu_down);
	if (rc < 0) {
		tdx_quote_notify_disable(qn, "no CPU hotplug state");
		return rc;
	}
	tdx_quote_notify_cpuhp = rc;

	/*
	 * Watch CPUs before owning the vector: until the IRQ exists the
	 * callback has nothing to move, and afterwards none can be missed.
	 */
	rc = cpuhp_state_add_instance_nocalls(tdx_quote_notify_cpuhp,
					      &qn->cpuhp_node);
	if (!rc) {
		scoped_guard(cpus_read_lock)
			rc = tdx_quote_notify_claim(qn);
		if (rc)
			cpuhp_state_remove_instance_nocalls(tdx_quote_notify_cpuhp,
							    &qn->cpuhp_node);
	} else {
		tdx_quote_notify_disable(qn, "no CPU hotplug instance");
	}
	if (rc) {
		cpuhp_remove_multi_state(tdx_quote_notify_cpuhp);
		tdx_quote_notify_cpuhp = 0;
	}
	return rc;
}

/**
 * tdx_quote_notify_init() - own a vector and register it with the host.
 * @qn: zeroed state, embedded in the transport.
 * @ops: the platform.
 *
 * Never fails: without the interrupt, GetQuote completion is polled. The
 * first instance on a platform that can notify owns the notification; one
 * log line says whether it uses the interrupt, and why not. Any other
 * instance polls, silently.
 */
void tdx_quote_notify_init(struct tdx_quote_notify *qn,
			   const struct tdx_platform_ops *ops)
{
	int rc;

	mutex_init(&qn->lock);
	init_waitqueue_head(&qn->wq);
	qn->ops = ops;
	/* Platforms without the callbacks (test doubles) stay anonymous. */
	if (!ops->notify_offered) {
		tdx_quote_notify_disable(qn, "the platform cannot notify");
		return;
	}

	guard(mutex)(&tdx_quote_notify_owner_lock);
	if (tdx_quote_notify_owner) {
		tdx_quote_notify_disable(qn, "another instance owns it");
		return;
	}
	tdx_quote_notify_owner = qn;
	rc = tdx_quote_notify_start(qn);
	if (rc) {
		pr_info("GetQuote completion: polling, %s (%d)\n", qn->why, rc);
		return;
	}
	qn->started = true;
	pr_info("GetQuote completion: interrupt, vector %u on CPU %u\n",
		qn->vector, qn->cpu);
}

/**
 * tdx_quote_notify_fini() - stop using the interrupt, then free it.
 * @qn: state set up by tdx_quote_notify_init().
 *
 * The IRQ is freed before the CPU hotplug instance goes, with hotplug held
 * off, so that no CPU offline can move it in between; its vector stays
 * reserved (see the DOC above).
 */
void tdx_quote_notify_fini(struct tdx_quote_notify *qn)
{
	guard(mutex)(&tdx_quote_notify_owner_lock);
	if (tdx_quote_notify_owner == qn)
		tdx_quote_notify_owner = NULL;
	if (qn->started) {
		scoped_guard(cpus_read_lock) {
			guard(mutex)(&qn->lock);
			tdx_quote_notify_disable(qn, "unloading");
			tdx_quote_notify_retire_irq(qn);
		}
		cpuhp_state_remove_instance_nocalls(tdx_quote_notify_cpuhp,
						    &qn->cpuhp_node);
		cpuhp_remove_multi_state(tdx_quote_notify_cpuhp);
		tdx_quote_notify_cpuhp = 0;
		qn->started = false;
	}
	mutex_destroy(&qn->lock);
}

/**
 * tdx_quote_notify_irqs() - interrupts taken so far.
 * @qn: the state.
 *
 * Return: a count to hand back to tdx_quote_notify_judge().
 */
unsigned int tdx_quote_notify_irqs(struct tdx_quote_notify *qn)
{
	return atomic_read(&qn->irqs);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_notify_irqs);

/**
 * tdx_quote_notify_judge() - did the interrupt come for a completion?
 * @qn: the state.
 * @irqs_before: tdx_quote_notify_irqs() before the request was made.
 * @by_safety_look: the completion was found by the safety look, after a
 *	whole safety period with no wake-up.
 *
 * Called with the transport's lock held, once per completed request that
 * was waited for with the interrupt. An interrupt resets the count of
 * lost ones; a completion found only by the safety look adds one, and
 * TDX_QUOTE_NOTIFY_MAX_LOST in a row make the transport poll for good.
 * Completions found otherwise say nothing (the interrupt may be on its
 * way).
 */
void tdx_quote_notify_judge(struct tdx_quote_notify *qn,
			    unsigned int irqs_before, bool by_safety_look)
{
	guard(mutex)(&qn->lock);
	if (tdx_quote_notify_irqs(qn) != irqs_before) {
		qn->lost = 0;
		return;
	}
	if (!by_safety_look || !qn->active || ++qn->lost < TDX_QUOTE_NOTIFY_MAX_LOST)
		return;
	tdx_quote_notify_disable(qn, "the host stopped delivering it");
	pr_warn("%u GetQuote completions in a row came without their interrupt: polling from now on\n",
		qn->lost);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_notify_judge);

/**
 * tdx_quote_notify_describe() - how GetQuote completion is found now.
 * @qn: the state.
 * @buf: where to write one line.
 * @len: size of @buf.
 *
 * Return: the bytes written to @buf.
 */
int tdx_quote_notify_describe(struct tdx_quote_notify *qn, char *buf,
			      size_t len)
{
	guard(mutex)(&qn->lock);
	if (READ_ONCE(qn->active))
		return scnprintf(buf, len, "interrupt vector %u cpu %u\n",
				 qn->vector, qn->cpu);
	return scnprintf(buf, len, "poll: %s\n", qn->why);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_notify_describe);
