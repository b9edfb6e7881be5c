package com.byomlab.market;

import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Market data sources for administrators (role ADMIN; the security chain also guards /api/v1/admin/**). */
@RestController
class MarketAdminController {

    private final MarketSources sources;

    MarketAdminController(MarketSources sources) {
        this.sources = sources;
    }

    @GetMapping("/api/v1/admin/market")
    MarketSources.Status status(CurrentUser user) {
        if (!user.admin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Only an administrator can see the market data sources.");
        }
        return sources.status();
    }
}
