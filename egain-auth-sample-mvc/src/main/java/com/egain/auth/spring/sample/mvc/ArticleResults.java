package com.egain.auth.spring.sample.mvc;

import java.util.List;

/**
 * The result of an {@link ArticleSearch}.
 *
 * @param query the query searched for
 * @param articles the articles found
 * @param totalCount how many articles match
 */
record ArticleResults(String query, List<Article> articles, int totalCount) {

	/**
	 * An article found.
	 *
	 * @param id the article's id
	 * @param name its name
	 * @param summary its summary
	 */
	record Article(String id, String name, String summary) {
	}

}
