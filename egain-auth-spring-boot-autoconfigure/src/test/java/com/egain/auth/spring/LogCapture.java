package com.egain.auth.spring;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the client side (the starter, Spring, Reactor, Netty) at
 * TRACE, with the messages of attached exceptions.
 */
public final class LogCapture implements AutoCloseable {

	private static final String[] LOGGERS = { "com.egain", "org.springframework", "reactor", "io.netty" };

	// A level of its own in logback-test.xml: set to TRACE too, or the starter's DEBUG and
	// TRACE lines would never reach the appender of com.egain.
	private static final String STARTER = "com.egain.auth";

	private Level starterLevel;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final List<Level> levels = new ArrayList<>();

	public LogCapture() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.appender.setContext(context);
		this.appender.start();
		for (String name : LOGGERS) {
			Logger logger = context.getLogger(name);
			this.levels.add(logger.getLevel());
			logger.setLevel(Level.TRACE);
			logger.addAppender(this.appender);
		}
		Logger starter = context.getLogger(STARTER);
		this.starterLevel = starter.getLevel();
		starter.setLevel(Level.TRACE);
	}

	/**
	 * All captured text: formatted messages and the messages of their exceptions.
	 * @return the text
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : List.copyOf(this.appender.list)) {
			text.append(event.getLevel()).append(' ').append(event.getFormattedMessage()).append('\n');
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				text.append("  ").append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
			}
		}
		return text.toString();
	}

	public int events() {
		return this.appender.list.size();
	}

	@Override
	public void close() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		for (int i = 0; i < LOGGERS.length; i++) {
			Logger logger = context.getLogger(LOGGERS[i]);
			logger.detachAppender(this.appender);
			logger.setLevel(this.levels.get(i));
		}
		context.getLogger(STARTER).setLevel(this.starterLevel);
		this.appender.stop();
	}

}
