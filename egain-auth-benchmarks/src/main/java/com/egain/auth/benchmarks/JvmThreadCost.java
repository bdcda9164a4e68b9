package com.egain.auth.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

/**
 * CPU time and allocated bytes summed over the JVM's live threads: the load generator,
 * the client event loops and both local servers (not GC or JIT threads). A difference of
 * two snapshots divided by the requests sent gives a per-request cost that, unlike
 * throughput, hardly moves when other work competes for the cores.
 */
final class JvmThreadCost {

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	final long cpuNanos;

	final long allocatedBytes;

	private JvmThreadCost(long cpuNanos, long allocatedBytes) {
		this.cpuNanos = cpuNanos;
		this.allocatedBytes = allocatedBytes;
	}

	static JvmThreadCost now() {
		long[] ids = threads.getAllThreadIds();
		long[] cpu = threads.getThreadCpuTime(ids);
		long[] allocated = threads.getThreadAllocatedBytes(ids);
		long cpuSum = 0;
		long allocatedSum = 0;
		for (int i = 0; i < ids.length; i++) {
			cpuSum += Math.max(cpu[i], 0);
			allocatedSum += Math.max(allocated[i], 0);
		}
		return new JvmThreadCost(cpuSum, allocatedSum);
	}

	JvmThreadCost since(JvmThreadCost start) {
		return new JvmThreadCost(this.cpuNanos - start.cpuNanos, this.allocatedBytes - start.allocatedBytes);
	}

}
